package org.tandem.pbx.queue;

import java.time.Instant;
import java.util.List;

/**
 * A queue now: the callers in line (first is next) and its agents with their states.
 *
 * @param waiting in line order
 */
public record QueueStatus(String number, List<WaitingCaller> waiting, List<Agent> agents) {

    /** A caller in line; {@code since} is when they joined. */
    public record WaitingCaller(int position, String callerNumber, String callerName, Instant since) {}

    /**
     * An agent of the queue now. {@code pausedReason} and {@code pausedSince} tell an agent's pause in this queue
     * (null when not paused; the reason is null too when none was given); a paused agent who is still in a queue
     * call shows that call's state.
     */
    public record Agent(String extension, AgentState state, String pausedReason, Instant pausedSince) {

        public Agent(String extension, AgentState state) {
            this(extension, state, null, null);
        }

        public boolean paused() {
            return pausedSince != null;
        }
    }

    public QueueStatus {
        waiting = List.copyOf(waiting);
        agents = List.copyOf(agents);
    }

    /** The longest wait now, in seconds (0 when nobody waits). */
    public long longestWaitSeconds(Instant now) {
        return waiting.isEmpty()
                ? 0
                : Math.max(0, now.getEpochSecond() - waiting.get(0).since().getEpochSecond());
    }
}
