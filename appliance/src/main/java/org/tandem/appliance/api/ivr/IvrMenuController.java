package org.tandem.appliance.api.ivr;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.ivr.IvrMenuDraft;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.pbx.validation.InvalidInputException;

/** IVR menus: {@code /api/v1/ivr-menus}, keyed by name (the destination {@code ivr:<name>}). */
@RestController
@RequestMapping(path = "/api/v1/ivr-menus", produces = "application/json")
public class IvrMenuController {

    public record IvrMenuView(
            String name,
            String greetingPrompt,
            Map<String, String> options,
            boolean dialByExtension,
            int digitTimeoutSeconds,
            int interDigitTimeoutSeconds,
            String invalidPrompt,
            int retries,
            String fallback,
            String language) {
        static IvrMenuView of(IvrMenu m) {
            Map<String, String> options = new LinkedHashMap<>();
            m.options().forEach((k, d) -> options.put(k, d.toString()));
            return new IvrMenuView(
                    m.name(),
                    m.greetingPrompt(),
                    options,
                    m.dialByExtension(),
                    m.digitTimeoutSeconds(),
                    m.interDigitTimeoutSeconds(),
                    m.invalidPrompt(),
                    m.retries(),
                    m.fallback() == null ? null : m.fallback().toString(),
                    m.language());
        }
    }

    private final IvrMenus menus;

    public IvrMenuController(IvrMenus menus) {
        this.menus = menus;
    }

    @GetMapping
    public List<IvrMenuView> list() {
        return menus.list().stream().map(IvrMenuView::of).toList();
    }

    @GetMapping("/{name}")
    public IvrMenuView get(@PathVariable String name) {
        return IvrMenuView.of(menus.find(name).orElseThrow(() -> unknown(name)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<IvrMenuView> create(@RequestBody IvrMenuDraft draft) {
        IvrMenu m = menus.create(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{name}")
                .buildAndExpand(m.name())
                .toUri();
        return ResponseEntity.created(location).body(IvrMenuView.of(m));
    }

    @PutMapping(path = "/{name}", consumes = "application/json")
    public IvrMenuView update(@PathVariable String name, @RequestBody IvrMenuDraft draft) {
        if (draft.name() != null && !draft.name().strip().equals(name)) {
            throw new InvalidInputException("name", "ivr.name-fixed");
        }
        return IvrMenuView.of(menus.update(name, draft).orElseThrow(() -> unknown(name)));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        if (!menus.delete(name)) throw unknown(name);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String name) {
        return new NotFoundException("No IVR menu is called " + name + "; GET /api/v1/ivr-menus lists them");
    }
}
