package org.tandem.pbx.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.queue.CallQueue.Strategy;

class AgentPickerTest {

    private static final List<String> MEMBERS = List.of("101", "102", "103");

    private static List<String> pick(
            Strategy s, Set<String> free, String lastRung, Map<String, Instant> ended, Map<String, Integer> answered) {
        return AgentPicker.pick(s, MEMBERS, free::contains, lastRung, ended, answered, new Random(7));
    }

    @Test
    void ringAllRingsEveryFreeAgentInMemberOrder() {
        assertThat(pick(Strategy.RINGALL, Set.of("103", "101"), null, Map.of(), Map.of()))
                .containsExactly("101", "103");
    }

    @Test
    void nobodyFreeRingsNobody() {
        for (Strategy s : Strategy.values())
            assertThat(pick(s, Set.of(), "101", Map.of(), Map.of())).isEmpty();
    }

    @Test
    void roundRobinGoesOnAfterTheAgentRungLastAndSkipsBusyOnes() {
        Set<String> all = Set.of("101", "102", "103");
        assertThat(pick(Strategy.ROUND_ROBIN, all, null, Map.of(), Map.of())).containsExactly("101");
        assertThat(pick(Strategy.ROUND_ROBIN, all, "101", Map.of(), Map.of())).containsExactly("102");
        assertThat(pick(Strategy.ROUND_ROBIN, all, "103", Map.of(), Map.of()))
                .as("wraps round")
                .containsExactly("101");
        assertThat(pick(Strategy.ROUND_ROBIN, Set.of("101", "103"), "101", Map.of(), Map.of()))
                .as("102 in wrap-up is skipped")
                .containsExactly("103");
        assertThat(pick(Strategy.ROUND_ROBIN, all, "999", Map.of(), Map.of()))
                .as("a removed agent: from the top")
                .containsExactly("101");
    }

    @Test
    void leastRecentPicksTheAgentWhoseLastCallEndedLongestAgoAndNeverFirst() {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        Set<String> all = Set.of("101", "102", "103");
        assertThat(pick(
                        Strategy.LEAST_RECENT,
                        all,
                        null,
                        Map.of("101", t, "102", t.minusSeconds(60), "103", t),
                        Map.of()))
                .containsExactly("102");
        assertThat(pick(Strategy.LEAST_RECENT, all, null, Map.of("101", t, "102", t), Map.of()))
                .as("103 never had a queue call")
                .containsExactly("103");
    }

    @Test
    void fewestCallsPicksTheAgentWithFewestAnsweredTodayTiesInMemberOrder() {
        Set<String> all = Set.of("101", "102", "103");
        assertThat(pick(Strategy.FEWEST_CALLS, all, null, Map.of(), Map.of("101", 4, "102", 2, "103", 3)))
                .containsExactly("102");
        assertThat(pick(Strategy.FEWEST_CALLS, all, null, Map.of(), Map.of("101", 1, "102", 1, "103", 1)))
                .containsExactly("101");
    }

    @Test
    void randomPicksOneFreeAgentAndInTimeEachOfThem() {
        Set<String> seen = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            List<String> p = AgentPicker.pick(
                    Strategy.RANDOM, MEMBERS, Set.of("101", "103")::contains, null, Map.of(), Map.of(), random);
            assertThat(p).hasSize(1);
            seen.add(p.get(0));
        }
        assertThat(seen).containsExactlyInAnyOrder("101", "103");
    }
}
