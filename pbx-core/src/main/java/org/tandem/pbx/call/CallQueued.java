package org.tandem.pbx.call;

import java.time.Instant;

/**
 * A caller left the line of a call queue (issue 18): answered by an agent, hung up while waiting, sent on after the
 * maximum wait, left by the queue's leave key, or not let in (queue full, no agents). Raised once per queued call; call records keep it.
 *
 * @param queue      the queue's number
 * @param waitMillis how long the caller waited in line (0 when not let in)
 * @param agent      the extension of the agent who answered, else null
 */
public record CallQueued(String callId, Instant at, String queue, Outcome outcome, long waitMillis, String agent)
        implements CallEvent {

    public enum Outcome {
        /** an agent answered */
        ANSWERED,
        /** the caller hung up while waiting */
        ABANDONED,
        /** the maximum wait was over: sent to the queue's fallback */
        TIMEOUT,
        /** the queue had its maximum of callers: sent to the fallback */
        FULL,
        /** no agent could take calls (join-empty off, or leave-when-empty): sent to the fallback */
        EMPTY,
        /** the caller pressed the queue's leave key: sent to the key's destination (e.g. a voicemail box) */
        LEFT_BY_KEY
    }

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
