package org.tandem.appliance.api.trunks;

import java.util.List;
import org.tandem.pbx.trunk.OutboundRouteDraft;

/**
 * Body of {@code POST /api/v1/outbound-routes} and {@code PUT /api/v1/outbound-routes/{id}}:
 * {@code patterns} like {@code 9|NXXXXXX}, {@code trunks} in failover order, {@code permission} one of
 * internal, local, national (default), international.
 */
public record OutboundRouteRequest(
        String id, List<String> patterns, String prepend, List<String> trunks, String callerId, String permission) {

    OutboundRouteDraft toDraft(String id) {
        return new OutboundRouteDraft(id, patterns, prepend, trunks, callerId, permission);
    }
}
