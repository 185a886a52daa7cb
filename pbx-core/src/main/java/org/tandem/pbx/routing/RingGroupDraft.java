package org.tandem.pbx.routing;

import java.util.List;

/** A ring group as submitted (REST API, web UI), checked by {@link RoutingDirectory}. */
public record RingGroupDraft(
        String number,
        String name,
        String strategy,
        Integer ringSeconds,
        List<MemberDraft> members,
        String fallback,
        String callerIdPrefix) {

    /** A member: {@code extension:201} or {@code external:+491701234567}; ring time optional. */
    public record MemberDraft(String destination, Integer ringSeconds) {}
}
