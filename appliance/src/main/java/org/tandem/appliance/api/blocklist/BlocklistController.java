package org.tandem.appliance.api.blocklist;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.blocklist.BlockedNumber;
import org.tandem.pbx.blocklist.BlockedNumberDraft;
import org.tandem.pbx.blocklist.Blocklist;
import org.tandem.pbx.blocklist.BlocklistPolicy;

/**
 * The blocklist: {@code /api/v1/blocklist} lists and adds entries ({@code {"number":"+4930555","prefix":true,
 * "extension":null,"note":"sales calls"}}; an {@code extension} puts it on that user's own list; {@code ?extension=}
 * lists one user's), {@code /api/v1/blocklist/{id}} reads, changes and removes one, and
 * {@code /api/v1/blocklist/policy} says what blocked callers get ({@code {"blockAnonymous":true,
 * "treatment":"BUSY|DECLINE|FORBIDDEN|PROMPT","prompt":"err-not-available"}}).
 */
@RestController
@RequestMapping(path = "/api/v1/blocklist", produces = "application/json")
public class BlocklistController {

    /** Body of PUT /policy: null fields keep their value. */
    public record PolicyRequest(Boolean blockAnonymous, String treatment, String prompt) {}

    public record PolicyView(boolean blockAnonymous, String treatment, String prompt) {
        static PolicyView of(BlocklistPolicy p) {
            return new PolicyView(p.blockAnonymous(), p.treatment().name(), p.prompt());
        }
    }

    private final Blocklist blocklist;

    public BlocklistController(Blocklist blocklist) {
        this.blocklist = blocklist;
    }

    @GetMapping
    public List<BlockedNumber> list(@RequestParam(required = false) String extension) {
        return extension == null ? blocklist.list() : blocklist.listOf(extension);
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<BlockedNumber> add(@RequestBody BlockedNumberDraft draft) {
        BlockedNumber entry = blocklist.add(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(entry.id())
                .toUri();
        return ResponseEntity.created(location).body(entry);
    }

    @GetMapping("/policy")
    public PolicyView policy() {
        return PolicyView.of(blocklist.policy());
    }

    @PutMapping(path = "/policy", consumes = "application/json")
    public PolicyView setPolicy(@RequestBody PolicyRequest request) {
        return PolicyView.of(blocklist.setPolicy(request.blockAnonymous(), request.treatment(), request.prompt()));
    }

    @GetMapping("/{id:[0-9]+}")
    public BlockedNumber get(@PathVariable long id) {
        return blocklist.find(id).orElseThrow(() -> unknown(id));
    }

    @PutMapping(path = "/{id:[0-9]+}", consumes = "application/json")
    public BlockedNumber update(@PathVariable long id, @RequestBody BlockedNumberDraft draft) {
        return blocklist.update(id, draft).orElseThrow(() -> unknown(id));
    }

    @DeleteMapping("/{id:[0-9]+}")
    public ResponseEntity<Void> delete(@PathVariable long id) {
        if (!blocklist.delete(id)) throw unknown(id);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(long id) {
        return new NotFoundException("No blocklist entry " + id + "; GET /api/v1/blocklist lists them");
    }
}
