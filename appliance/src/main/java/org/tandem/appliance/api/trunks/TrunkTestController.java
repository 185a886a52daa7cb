package org.tandem.appliance.api.trunks;

import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProbes;

/**
 * {@code POST /api/v1/trunks/{id}/test}: an OPTIONS to the trunk's provider ({@link TrunkProbes}); 200 with
 * {@code reachable, status, reason, millis, message} either way, 404 for an unknown trunk. Answered asynchronously:
 * no servlet thread waits for the provider.
 */
@RestController
public class TrunkTestController {

    public record TestView(boolean reachable, int status, String reason, long millis, String message) {}

    private final TrunkDirectory trunks;
    private final TrunkProbes probes;

    public TrunkTestController(TrunkDirectory trunks, TrunkProbes probes) {
        this.trunks = trunks;
        this.probes = probes;
    }

    @PostMapping(path = "/api/v1/trunks/{id}/test", produces = "application/json")
    public CompletableFuture<TestView> test(@PathVariable String id) {
        if (trunks.find(id).isEmpty()) {
            throw new NotFoundException("No trunk is named " + id + "; GET /api/v1/trunks lists them");
        }
        return probes.probe(id)
                .thenApply(r -> new TestView(r.reachable(), r.status(), r.reason(), r.millis(), r.message()));
    }
}
