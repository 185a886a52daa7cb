package org.tandem.pbx.queue.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.tandem.pbx.queue.CallQueue;

/**
 * Which agents ring for the first caller in line, by the queue's strategy: a pure function of the members (in their
 * order), who is free now and what the queue remembers, so each strategy is tested without phones.
 */
final class AgentPicker {

    private AgentPicker() {}

    /**
     * @param free       agents that may ring now (registered, not in DND, not busy, not ringing, not in wrap-up)
     * @param lastRung   the agent round robin rang last (its memory), or null
     * @param lastEnded  when each agent's last queue call ended (absent: never)
     * @param answered   queue calls each agent answered today (absent: none)
     * @return the agents to ring now: every free one for RINGALL, else one; empty when nobody is free
     */
    static List<String> pick(
            CallQueue.Strategy strategy,
            List<String> members,
            Predicate<String> free,
            String lastRung,
            Map<String, Instant> lastEnded,
            Map<String, Integer> answered,
            RandomGenerator random) {
        List<String> candidates = members.stream().filter(free).toList();
        if (candidates.isEmpty()) return List.of();
        return switch (strategy) {
            case RINGALL -> candidates;
            case ROUND_ROBIN -> List.of(nextAfter(members, lastRung, free));
            case LEAST_RECENT ->
                List.of(candidates.stream()
                        .min(Comparator.comparing((String a) -> lastEnded.getOrDefault(a, Instant.EPOCH)))
                        .orElseThrow());
            case FEWEST_CALLS ->
                List.of(candidates.stream()
                        .min(Comparator.comparingInt((String a) -> answered.getOrDefault(a, 0)))
                        .orElseThrow());
            case RANDOM -> List.of(candidates.get(random.nextInt(candidates.size())));
        };
    }

    /** The first free member after {@code lastRung} in member order, going round (from the first without a memory). */
    private static String nextAfter(List<String> members, String lastRung, Predicate<String> free) {
        int start = lastRung == null ? 0 : members.indexOf(lastRung) + 1;
        for (int i = 0; i < members.size(); i++) {
            String a = members.get((start + i) % members.size());
            if (free.test(a)) return a;
        }
        throw new IllegalStateException("no free member"); // cannot happen: candidates were not empty
    }
}
