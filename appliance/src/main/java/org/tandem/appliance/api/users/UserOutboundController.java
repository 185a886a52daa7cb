package org.tandem.appliance.api.users;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.UserOutbound;

/**
 * A user's external calling: {@code /api/v1/users/{extension}/outbound} with {@code permission}
 * (internal, local, national, international), {@code callerId} (the number shown, or null) and
 * {@code forwardExternalCallers} (whether their forwarding may send an outside caller out through a trunk;
 * false by default, and left as it is by a PUT without it).
 */
@RestController
@RequestMapping(path = "/api/v1/users/{extension}/outbound", produces = "application/json")
public class UserOutboundController {

    /** Body and view. */
    public record OutboundSettings(String permission, String callerId, Boolean forwardExternalCallers) {
        static OutboundSettings of(UserOutbound u) {
            return new OutboundSettings(u.permission().text(), u.callerId(), u.forwardExternalCallers());
        }
    }

    private final OutboundRoutes routes;

    public UserOutboundController(OutboundRoutes routes) {
        this.routes = routes;
    }

    @GetMapping
    public OutboundSettings get(@PathVariable String extension) {
        return OutboundSettings.of(routes.userSettings(extension).orElseThrow(() -> unknown(extension)));
    }

    @PutMapping(consumes = "application/json")
    public OutboundSettings put(@PathVariable String extension, @RequestBody OutboundSettings request) {
        return OutboundSettings.of(routes.updateUserSettings(
                        extension, request.permission(), request.callerId(), request.forwardExternalCallers())
                .orElseThrow(() -> unknown(extension)));
    }

    private static NotFoundException unknown(String extension) {
        return new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them");
    }
}
