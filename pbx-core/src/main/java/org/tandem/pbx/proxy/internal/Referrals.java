package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.tandem.pbx.routing.TrustedOrigin;

/**
 * Transfers seen passing through (RFC 3515 REFER), so that the INVITE the transferee sends next
 * (carrying Referred-By, RFC 3892) is linked to the call it continues in the call records, and is
 * placed on the referrer's behalf too: their outbound class applies as well as the transferee's
 * (issue 22), or no external number at all when the referrer is no local user. Transfers Tandem asks for itself
 * (the operator panel's) are remembered the same way, since the transferee need not copy Referred-By (RFC 3892 §3),
 * and their NOTIFYs come back to Tandem.
 */
public final class Referrals {

    private static final Duration KEEP = Duration.ofSeconds(64);

    private record Referral(String callId, String referrer, String transferee, Instant at) {}

    private final Map<String, Referral> byTarget = new ConcurrentHashMap<>();

    /** The implicit subscription of a REFER Tandem sent (RFC 3515 §2.4.4): long enough for a target that rings. */
    private static final Duration KEEP_SUBSCRIPTION = Duration.ofMinutes(3);

    private record OurReferral(String transfereeTag, IntConsumer progress, Instant at) {}

    private final Map<String, OurReferral> ours = new ConcurrentHashMap<>();

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

    /**
     * A REFER Tandem sent itself (the operator's transfer) and was refused: the call it asked for will not come.
     */
    void withdrawn(String targetUser, String callId) {
        byTarget.computeIfPresent(targetUser, (k, r) -> r.callId().equals(callId) ? null : r);
    }

    /**
     * A REFER Tandem sent itself in dialog {@code callId} (the operator's transfer) was accepted: the transferee's
     * NOTIFYs (RFC 3515 §2.4.4, From tag {@code transfereeTag}) report to Tandem, not to the other party, who sent
     * no REFER and would answer 481; {@code progress} gets each one's sipfrag status (on the call's stripe).
     */
    void acceptedByTransferee(String callId, String transfereeTag, IntConsumer progress) {
        Instant now = Instant.now();
        ours.values().removeIf(r -> r.at().isBefore(now.minus(KEEP_SUBSCRIPTION)));
        ours.put(callId, new OurReferral(transfereeTag, progress, now));
    }

    /** Who follows the NOTIFY of a transfer Tandem asked for: null when this NOTIFY reports on no such REFER. */
    IntConsumer progressOf(String callId, String fromTag) {
        OurReferral r = ours.get(callId);
        if (r == null
                || fromTag == null
                || !fromTag.equals(r.transfereeTag())
                || r.at().isBefore(Instant.now().minus(KEEP_SUBSCRIPTION))) {
            return null;
        }
        return r.progress();
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
        if (r == null
                || r.at().isBefore(Instant.now().minus(KEEP))
                || caller == null
                || !caller.equals(r.transferee())) {
            return Optional.empty();
        }
        return Optional.of(r.referrer() == null ? TrustedOrigin.NOBODY : r.referrer());
    }
}
