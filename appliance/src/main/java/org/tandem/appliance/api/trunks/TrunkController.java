package org.tandem.appliance.api.trunks;

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
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkRegistrations;
import org.tandem.pbx.validation.InvalidInputException;

/** SIP trunks to providers: {@code /api/v1/trunks}. Validation rules live in {@link TrunkDirectory}. */
@RestController
@RequestMapping(path = "/api/v1/trunks", produces = "application/json")
public class TrunkController {

    private final TrunkDirectory trunks;
    private final TrunkRegistrations registrations;

    public TrunkController(TrunkDirectory trunks, TrunkRegistrations registrations) {
        this.trunks = trunks;
        this.registrations = registrations;
    }

    @GetMapping
    public List<TrunkView> list() {
        return trunks.list().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    public TrunkView get(@PathVariable String id) {
        return view(trunks.find(id).orElseThrow(() -> unknown(id)));
    }

    @GetMapping("/{id}/status")
    public TrunkStatusView status(@PathVariable String id) {
        return TrunkStatusView.of(registrations.status(id).orElseThrow(() -> unknown(id)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<TrunkView> create(@RequestBody TrunkRequest request) {
        Trunk trunk = trunks.create(request.toDraft(request.id()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(trunk.id())
                .toUri();
        return ResponseEntity.created(location).body(view(trunk));
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    public TrunkView update(@PathVariable String id, @RequestBody TrunkRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new InvalidInputException("id", "trunk.id-fixed");
        }
        return view(trunks.update(id, request.toDraft(id)).orElseThrow(() -> unknown(id)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (!trunks.delete(id)) throw unknown(id);
        return ResponseEntity.noContent().build();
    }

    private TrunkView view(Trunk t) {
        return TrunkView.of(t, trunks.password(t.id()).isPresent());
    }

    private static NotFoundException unknown(String id) {
        return new NotFoundException("No trunk is named " + id + "; GET /api/v1/trunks lists them");
    }
}
