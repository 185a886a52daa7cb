package org.tandem.pbx.trunk;

import java.util.List;

/**
 * One outbound route: numbers matching one of {@code patterns} go out through {@code trunks}, tried in
 * this order (next on 5xx/6xx/timeout), after {@code prepend} is put before the (stripped) number.
 *
 * @param position   0-based place in the ordered list; the first matching route wins
 * @param callerId   the caller ID for calls through this route when the user has none, or null
 * @param permission the class a caller needs to use this route
 */
public record OutboundRoute(
        String id,
        int position,
        List<String> patterns,
        String prepend,
        List<String> trunks,
        String callerId,
        PermissionClass permission) {

    public OutboundRoute {
        patterns = List.copyOf(patterns);
        trunks = List.copyOf(trunks);
    }
}
