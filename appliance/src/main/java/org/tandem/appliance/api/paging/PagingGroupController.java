package org.tandem.appliance.api.paging;

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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroupDraft;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Paging groups: {@code /api/v1/paging-groups}, keyed by their number; {@code members} are extensions;
 * {@code multicastAddress} ({@code 224.0.1.75:5000}) makes a group multicast, absent or null one that calls the phones.
 */
@RestController
@RequestMapping(path = "/api/v1/paging-groups", produces = "application/json")
public class PagingGroupController {

    /** @param multicastAddress {@code 224.0.1.75:5000} for a multicast group, else null */
    public record PagingGroupView(String number, String name, List<String> members, String multicastAddress) {
        static PagingGroupView of(PagingGroup g) {
            return new PagingGroupView(
                    g.number(),
                    g.name(),
                    g.members(),
                    g.isMulticast() ? g.multicast().toString() : null);
        }
    }

    private final PagingGroups groups;

    public PagingGroupController(PagingGroups groups) {
        this.groups = groups;
    }

    @GetMapping
    public List<PagingGroupView> list() {
        return groups.list().stream().map(PagingGroupView::of).toList();
    }

    @GetMapping("/{number}")
    public PagingGroupView get(@PathVariable String number) {
        return PagingGroupView.of(groups.find(number).orElseThrow(() -> unknown(number)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<PagingGroupView> create(@RequestBody PagingGroupDraft draft) {
        PagingGroup g = groups.create(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{number}")
                .buildAndExpand(g.number())
                .toUri();
        return ResponseEntity.created(location).body(PagingGroupView.of(g));
    }

    @PutMapping(path = "/{number}", consumes = "application/json")
    public PagingGroupView update(@PathVariable String number, @RequestBody PagingGroupDraft draft) {
        if (draft.number() != null && !draft.number().equals(number)) {
            throw new InvalidInputException("number", "paging.number-fixed");
        }
        return PagingGroupView.of(groups.update(number, draft).orElseThrow(() -> unknown(number)));
    }

    @DeleteMapping("/{number}")
    public ResponseEntity<Void> delete(@PathVariable String number) {
        if (!groups.delete(number)) throw unknown(number);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String number) {
        return new NotFoundException("No paging group has number " + number + "; GET /api/v1/paging-groups lists them");
    }
}
