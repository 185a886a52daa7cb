package org.tandem.pbx.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The estimated wait a caller hears: from recent handling times, else recent waits, else nothing. */
class WaitEstimateTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void nothingIsKnownAtFirstSoNothingIsEstimated() {
        WaitEstimate e = new WaitEstimate();
        assertThat(e.averages(T0).secondsFor(1, 2, 0)).isEmpty();
    }

    @Test
    void handlingTimesGivePositionTimesHandlingPerStaffedAgent() {
        WaitEstimate e = new WaitEstimate();
        e.handled(T0, 120_000);
        e.handled(T0.plusSeconds(10), 240_000); // average 3 minutes
        WaitEstimate.Averages a = e.averages(T0.plusSeconds(20));
        assertThat(a.secondsFor(1, 1, 0)).isEqualTo(OptionalLong.of(180));
        assertThat(a.secondsFor(3, 1, 0)).isEqualTo(OptionalLong.of(540));
        assertThat(a.secondsFor(3, 2, 0)).as("two agents take turns").isEqualTo(OptionalLong.of(270));
        assertThat(a.secondsFor(1, 0, 0)).as("nobody staffs the queue: unknown").isEmpty();
    }

    @Test
    void withoutHandlingTimesTheRecentAverageWaitLessWhatWasWaitedCounts() {
        WaitEstimate e = new WaitEstimate();
        e.waited(T0, 100_000);
        e.waited(T0, 200_000);
        WaitEstimate.Averages a = e.averages(T0);
        assertThat(a.secondsFor(2, 1, 30_000)).isEqualTo(OptionalLong.of(120));
        assertThat(a.secondsFor(2, 1, 400_000)).as("never below zero").isEqualTo(OptionalLong.of(0));
    }

    @Test
    void onlyTheLastTenWithinTwoHoursCount() {
        WaitEstimate e = new WaitEstimate();
        e.handled(T0, 3_600_000); // an hour-long call, pushed out by ten short ones
        for (int i = 0; i < WaitEstimate.RECENT; i++) e.handled(T0.plusSeconds(i), 60_000);
        assertThat(e.averages(T0.plusSeconds(60)).handlingMillis()).isEqualTo(60_000);
        Instant later = T0.plus(WaitEstimate.WINDOW).plus(Duration.ofMinutes(1));
        assertThat(e.averages(later).handlingMillis())
                .as("all older than the window")
                .isEqualTo(-1);
        assertThat(e.averages(later).secondsFor(1, 1, 0)).isEmpty();
    }
}
