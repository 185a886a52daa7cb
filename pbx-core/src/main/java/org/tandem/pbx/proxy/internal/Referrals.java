package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.routing.TrustedOrigin;

/**
 * Transfers seen passing through (RFC 3515 REFER), so that the INVITE the transferee sends next
 * (carrying Referred-By, RFC 3892) is linked to the call it continues in the call records, and is
 * placed on the referrer's behalf too: their outbound class applies as well as the transferee's
 * (issue 22), or no external number at all when the referrer is no local user.
 */
public final class Referrals {

    private static final Duration KEEP = Duration.ofSeconds(64);

    private record Referral(String callId, String referrer, String transferee, Instant at) {
    }

    private final Map<String, Referral> byTarget = new ConcurrentHashMap<>();

    /**
     * A REFER in dialog {@code callId} asked for a call to {@code targetUser}.
     *
     * @param referrer   the local extension that sent the REFER, or null (no local user)
     * @param transferee the local extension asked to place the call, or null
     */
    void referred(String targetUser, String callId, String referrer, String transferee) {
        Instant now = Instant.now();
        byTarget.values().removeIf(r -> r.at().isBefore(now.minus(KEEP)));
        byTarget.put(targetUser, new Referral(callId, referrer, transferee, now));
    }

    /** The call a referred INVITE to {@code targetUser} continues, or null. */
    String continues(String targetUser) {
        Referral r = byTarget.remove(targetUser);
        return r == null || r.at().isBefore(Instant.now().minus(KEEP)) ? null : r.callId();
    }

    /**
     * Who referred {@code caller} to {@code targetUser} a moment ago: their extension, or
     * {@link TrustedOrigin#NOBODY} when it was no local user; empty when {@code caller} was not referred there.
     * With or without Referred-By: a phone need not send it (RFC 3892 is optional).
     */
    Optional<String> referrerOf(String caller, String targetUser) {
        Referral r = byTarget.get(targetUser);
        if (r == null || r.at().isBefore(Instant.now().minus(KEEP)) || caller == null
                || !caller.equals(r.transferee())) {
            return Optional.empty();
        }
        return Optional.of(r.referrer() == null ? TrustedOrigin.NOBODY : r.referrer());
    }
}
