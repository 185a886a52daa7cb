package org.tandem.appliance.api.trunks;

import java.util.List;
import org.tandem.pbx.trunk.OutboundRoute;

/** An outbound route as the API shows it; {@code position} 0 is tried first. */
public record OutboundRouteView(
        String id,
        int position,
        List<String> patterns,
        String prepend,
        List<String> trunks,
        String callerId,
        String permission) {

    static OutboundRouteView of(OutboundRoute r) {
        return new OutboundRouteView(
                r.id(),
                r.position(),
                r.patterns(),
                r.prepend(),
                r.trunks(),
                r.callerId(),
                r.permission().text());
    }
}
