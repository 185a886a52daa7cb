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
import org.tandem.pbx.trunk.OutboundRoute;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The ordered outbound routes: {@code /api/v1/outbound-routes}. The first route whose pattern matches
 * the dialled number takes the call; {@code PUT /api/v1/outbound-routes/order} with
 * {@code {"order":["a","b"]}} reorders them.
 */
@RestController
@RequestMapping(path = "/api/v1/outbound-routes", produces = "application/json")
public class OutboundRouteController {

    /** Body of {@code PUT /api/v1/outbound-routes/order}. */
    public record Order(List<String> order) {}

    private final OutboundRoutes routes;

    public OutboundRouteController(OutboundRoutes routes) {
        this.routes = routes;
    }

    @GetMapping
    public List<OutboundRouteView> list() {
        return routes.list().stream().map(OutboundRouteView::of).toList();
    }

    @GetMapping("/{id}")
    public OutboundRouteView get(@PathVariable String id) {
        return OutboundRouteView.of(routes.find(id).orElseThrow(() -> unknown(id)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<OutboundRouteView> create(@RequestBody OutboundRouteRequest request) {
        OutboundRoute route = routes.create(request.toDraft(request.id()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(route.id())
                .toUri();
        return ResponseEntity.created(location).body(OutboundRouteView.of(route));
    }

    @PutMapping(path = "/order", consumes = "application/json")
    public List<OutboundRouteView> reorder(@RequestBody Order order) {
        return routes.reorder(order.order()).stream().map(OutboundRouteView::of).toList();
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    public OutboundRouteView update(@PathVariable String id, @RequestBody OutboundRouteRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new InvalidInputException("id", "outbound.id-fixed");
        }
        return OutboundRouteView.of(routes.update(id, request.toDraft(id)).orElseThrow(() -> unknown(id)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (!routes.delete(id)) throw unknown(id);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String id) {
        return new NotFoundException("No outbound route is named " + id + "; GET /api/v1/outbound-routes lists them");
    }
}
