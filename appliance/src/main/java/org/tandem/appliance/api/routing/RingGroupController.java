package org.tandem.appliance.api.routing;

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
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RingGroupDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.validation.InvalidInputException;

/** Ring groups: {@code /api/v1/ring-groups}, keyed by their number. */
@RestController
@RequestMapping(path = "/api/v1/ring-groups", produces = "application/json")
public class RingGroupController {

    public record MemberView(String destination, int ringSeconds) {}

    public record RingGroupView(
            String number,
            String name,
            String strategy,
            int ringSeconds,
            List<MemberView> members,
            String fallback,
            String callerIdPrefix) {
        static RingGroupView of(RingGroup g) {
            return new RingGroupView(
                    g.number(),
                    g.name(),
                    g.strategy().name(),
                    g.ringSeconds(),
                    g.members().stream()
                            .map(m -> new MemberView(m.destination().toString(), m.ringSeconds()))
                            .toList(),
                    g.fallback() == null ? null : g.fallback().toString(),
                    g.callerIdPrefix());
        }
    }

    private final RoutingDirectory routing;

    public RingGroupController(RoutingDirectory routing) {
        this.routing = routing;
    }

    @GetMapping
    public List<RingGroupView> list() {
        return routing.ringGroups().stream().map(RingGroupView::of).toList();
    }

    @GetMapping("/{number}")
    public RingGroupView get(@PathVariable String number) {
        return RingGroupView.of(routing.ringGroup(number).orElseThrow(() -> unknown(number)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<RingGroupView> create(@RequestBody RingGroupDraft draft) {
        RingGroup g = routing.createRingGroup(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{number}")
                .buildAndExpand(g.number())
                .toUri();
        return ResponseEntity.created(location).body(RingGroupView.of(g));
    }

    @PutMapping(path = "/{number}", consumes = "application/json")
    public RingGroupView update(@PathVariable String number, @RequestBody RingGroupDraft draft) {
        if (draft.number() != null && !draft.number().equals(number)) {
            throw new InvalidInputException("number", "ringgroup.number-fixed");
        }
        return RingGroupView.of(routing.updateRingGroup(number, draft).orElseThrow(() -> unknown(number)));
    }

    @DeleteMapping("/{number}")
    public ResponseEntity<Void> delete(@PathVariable String number) {
        if (!routing.deleteRingGroup(number)) throw unknown(number);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String number) {
        return new NotFoundException("No ring group has number " + number + "; GET /api/v1/ring-groups lists them");
    }
}
