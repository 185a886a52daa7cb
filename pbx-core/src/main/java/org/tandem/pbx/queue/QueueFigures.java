package org.tandem.pbx.queue;

import java.time.LocalDate;
import java.util.List;

/**
 * One queue's figures for one day, from the call records: callers offered to the queue (every caller who asked to
 * join), answered by an agent, abandoned (hung up while waiting), left by the queue's leave key (a choice, not a
 * failure: outside the service level), sent on (maximum wait, full, no agents); the average wait of answered callers
 * and the service level: the share of callers answered within the queue's service-level seconds among those answered
 * or abandoned, in percent (100 when there were none).
 */
public record QueueFigures(
        String number,
        LocalDate day,
        long offered,
        long answered,
        long abandoned,
        long leftByKey,
        long sentOn,
        double averageWaitSeconds,
        double serviceLevelPercent,
        int serviceLevelSeconds,
        List<AgentFigures> agents) {

    /** Per agent: calls answered and their average wait. */
    public record AgentFigures(String extension, long answered, double averageWaitSeconds) {}

    public QueueFigures {
        agents = List.copyOf(agents);
    }
}
