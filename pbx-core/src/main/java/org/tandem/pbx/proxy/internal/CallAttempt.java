package org.tandem.pbx.proxy.internal;

import java.time.Instant;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.routing.CallRequest;

/**
 * The call events of one call attempt (one out-of-dialog INVITE): started, routed, answered, and
 * exactly one ended — the last either here (a final non-2xx went upstream) or, for an answered call,
 * by {@link AnsweredCalls} when the BYE passes. Touched only on the call's stripe.
 */
final class CallAttempt {

    private final CallEvents events;
    private final String callId;
    private final String callerTag;
    private boolean answered;
    private boolean ended;

    private CallAttempt(CallEvents events, String callId, String callerTag) {
        this.events = events;
        this.callId = callId;
        this.callerTag = callerTag;
    }

    static CallAttempt start(
            CallEvents events, CallRequest call, String callerTag, CallDirection direction, String linkedCallId) {
        CallAttempt attempt = new CallAttempt(events, call.callId(), callerTag);
        var origin = call.origin();
        events.publish(new CallStarted(
                call.callId(),
                Instant.now(),
                call.callerExtension(),
                call.callerNumber(),
                call.callerName(),
                call.dialled(),
                direction,
                origin == null ? null : origin.trunk(),
                origin == null ? null : origin.did(),
                linkedCallId != null ? linkedCallId : origin == null ? null : origin.linkedCallId()));
        return attempt;
    }

    void routed(String destination, String ringGroup, String forwardedFrom) {
        if (!ended && !answered) {
            events.publish(new CallRouted(callId, Instant.now(), destination, ringGroup, forwardedFrom));
        }
    }

    /** The first 2xx went upstream; the attempt ends with the dialog's BYE. */
    void answered(String answeredBy, AnsweredCalls calls) {
        if (answered || ended) return;
        answered = true;
        events.publish(new CallAnswered(callId, Instant.now(), answeredBy));
        calls.remember(callId, callerTag);
    }

    /**
     * A final non-2xx went upstream.
     *
     * @param cancelled the caller's CANCEL ended it
     * @param fromCallee the status came from the callee's side (busy, decline), not from us
     */
    void failed(int status, boolean cancelled, boolean fromCallee) {
        if (answered || ended) return;
        ended = true;
        HangupSide side = cancelled ? HangupSide.CALLER : fromCallee ? HangupSide.CALLEE : HangupSide.SYSTEM;
        events.publish(new CallEnded(callId, Instant.now(), Disposition.ofFailure(status, cancelled), status, side));
    }

    boolean isAnswered() {
        return answered;
    }
}
