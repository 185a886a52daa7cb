package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transfers seen passing through (RFC 3515 REFER), so that the INVITE the transferee sends next
 * (carrying Referred-By, RFC 3892) is linked to the call it continues in the call records.
 */
public final class Referrals {

    private static final Duration KEEP = Duration.ofSeconds(64);

    private record Referral(String callId, Instant at) {
    }

    private final Map<String, Referral> byTarget = new ConcurrentHashMap<>();

    /** A REFER in dialog {@code callId} asked for a call to {@code targetUser}. */
    void referred(String targetUser, String callId) {
        Instant now = Instant.now();
        byTarget.values().removeIf(r -> r.at().isBefore(now.minus(KEEP)));
        byTarget.put(targetUser, new Referral(callId, now));
    }

    /** The call a referred INVITE to {@code targetUser} continues, or null. */
    String continues(String targetUser) {
        Referral r = byTarget.remove(targetUser);
        return r == null || r.at().isBefore(Instant.now().minus(KEEP)) ? null : r.callId();
    }
}
