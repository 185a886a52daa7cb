package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;

/**
 * Answered calls until their BYE passes through the proxy, which ends their call attempt
 * ({@link CallEnded}, ANSWERED): the side whose From tag the BYE carries hung up. A call whose BYE
 * never passes (the phones lost each other) is forgotten after a day; call records close it at restart.
 */
public final class AnsweredCalls {

    private static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int PRUNE_ABOVE = 10_000;

    private record Answered(String callerTag, Instant since) {}

    private final CallEvents events;
    private final Map<String, Answered> calls = new ConcurrentHashMap<>();

    public AnsweredCalls(CallEvents events) {
        this.events = events;
    }

    void remember(String callId, String callerTag) {
        if (calls.size() > PRUNE_ABOVE) {
            Instant cutoff = Instant.now().minus(FORGET_AFTER);
            calls.values().removeIf(a -> a.since().isBefore(cutoff));
        }
        calls.put(callId, new Answered(callerTag, Instant.now()));
    }

    /** The From tag of the caller of an answered call until its BYE, or null. */
    String callerTag(String callId) {
        Answered a = calls.get(callId);
        return a == null ? null : a.callerTag();
    }

    /** A BYE of this dialog was forwarded; {@code fromTag} is the tag of the side that sent it. */
    void hungUp(String callId, String fromTag) {
        Answered a = calls.remove(callId);
        if (a == null) return;
        HangupSide side =
                a.callerTag() != null && a.callerTag().equals(fromTag) ? HangupSide.CALLER : HangupSide.CALLEE;
        events.publish(new CallEnded(callId, Instant.now(), Disposition.ANSWERED, 200, side));
    }

    /** The PBX itself hung the answered call up (e.g. {@code rtp-timeout}): it ends now, side SYSTEM. */
    void endedBySystem(String callId, String cause) {
        if (calls.remove(callId) == null) return;
        events.publish(new CallEnded(callId, Instant.now(), Disposition.ANSWERED, 200, HangupSide.SYSTEM, cause));
    }

    public int size() {
        return calls.size();
    }
}
