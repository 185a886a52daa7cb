package org.tandem.pbx.trunk;

import java.util.List;

/** What an admin submits to create or change an outbound route; a new route goes last. */
public record OutboundRouteDraft(
        String id, List<String> patterns, String prepend, List<String> trunks, String callerId, String permission) {}
