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
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.trunk.InboundRoute;
import org.tandem.pbx.trunk.InboundRoutes;

/**
 * Where calls from trunks go, by DID: {@code /api/v1/inbound-routes/{did}} with
 * {@code {"destination":"extension:201"}}; {@code /api/v1/inbound-routes/default} for every other DID. POST adds a
 * new DID ({@code {"did":"4930555100","destination":"extension:201"}}; 409 when the DID has a route), PUT sets or
 * replaces the route of one. A destination must exist (400 naming the field, as for IVR menus and ring groups).
 */
@RestController
@RequestMapping(path = "/api/v1/inbound-routes", produces = "application/json")
public class InboundRouteController {

    /** Body of the PUTs: a destination such as extension:201, ringgroup:600, voicemail:201 or hangup. */
    public record DestinationRequest(String destination) {}

    /** The default destination, as the API shows it. */
    public record DefaultView(String destination) {}

    private final InboundRoutes routes;

    public InboundRouteController(InboundRoutes routes) {
        this.routes = routes;
    }

    @GetMapping
    public List<InboundRoute> list() {
        return routes.list();
    }

    @GetMapping("/default")
    public DefaultView defaultDestination() {
        return new DefaultView(routes.defaultDestination().toString());
    }

    @PutMapping(path = "/default", consumes = "application/json")
    public DefaultView setDefault(@RequestBody DestinationRequest request) {
        return new DefaultView(
                routes.setDefaultDestination(request.destination()).toString());
    }

    /** Body of the POST: a new DID and where its calls go. */
    public record NewRouteRequest(String did, String destination) {}

    @PostMapping(consumes = "application/json")
    public ResponseEntity<InboundRoute> create(@RequestBody NewRouteRequest request) {
        InboundRoute route =
                routes.create(request.did() == null ? null : request.did().strip(), request.destination());
        return ResponseEntity.created(URI.create("/api/v1/inbound-routes/" + route.did()))
                .body(route);
    }

    @GetMapping("/{did}")
    public InboundRoute get(@PathVariable String did) {
        return routes.find(did).orElseThrow(() -> unknown(did));
    }

    @PutMapping(path = "/{did}", consumes = "application/json")
    public InboundRoute put(@PathVariable String did, @RequestBody DestinationRequest request) {
        return routes.put(did, request.destination());
    }

    @DeleteMapping("/{did}")
    public ResponseEntity<Void> delete(@PathVariable String did) {
        if (!routes.delete(did)) throw unknown(did);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String did) {
        return new NotFoundException("No inbound route for DID " + did + " (its calls go to the default destination); "
                + "GET /api/v1/inbound-routes lists them");
    }
}
