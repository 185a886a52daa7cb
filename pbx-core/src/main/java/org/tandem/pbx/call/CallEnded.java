package org.tandem.pbx.call;

import java.time.Instant;

/**
 * The call attempt is over: a non-2xx final response went back to the caller, or the answered
 * call's BYE passed. Raised exactly once per {@link CallStarted}.
 *
 * @param sipStatus the final response code sent to the caller (200 for answered calls)
 * @param cause     why the PBX ended it, when it did (e.g. {@code rtp-timeout}); else null
 */
public record CallEnded(
        String callId, Instant at, Disposition disposition, int sipStatus, HangupSide hangupSide, String cause)
        implements CallEvent {

    /** An end without a cause beyond the disposition and side (the usual BYE, CANCEL, failure). */
    public CallEnded(String callId, Instant at, Disposition disposition, int sipStatus, HangupSide hangupSide) {
        this(callId, at, disposition, sipStatus, hangupSide, null);
    }

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
