package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.DefaultSipTimer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TimerTask;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0004: jain-sip's default timer runs its tasks at multiples of 10 ms of the clock (so that the tasks of many
 * transactions share one wake-up of its thread), never before the time asked for and at most 10 ms after it, and a
 * periodic task (a transaction's tick) at a fixed rate, exactly one period after its previous scheduled run; a task
 * that runs once, a second or more ahead, at multiples of 250 ms (patch 0030); one 100 ms to a second ahead, and a
 * periodic task of a period of whole 50 ms from 100 ms, at multiples of 50 ms (patch 0031).
 *
 * <p>Unpatched jain-sip schedules at the millisecond asked for (any remainder of 10), and a periodic task one period
 * after its previous run started, however late that was.
 */
class TimerSlotTest {

    static final long SLOT_MS = 10;

    DefaultSipTimer timer;

    @BeforeEach
    void start() {
        timer = new DefaultSipTimer();
        timer.start(null, new Properties());
    }

    @AfterEach
    void stop() {
        timer.stop();
    }

    /** Records the time each run was scheduled for (java.util.TimerTask's own record) and when it was asked. */
    static class Recording extends SIPStackTimerTask {
        final long askedAt = System.currentTimeMillis();
        final List<Long> scheduledFor = new CopyOnWriteArrayList<>();

        @Override
        public void runTask() {
            scheduledFor.add(((TimerTask) getSipTimerTask()).scheduledExecutionTime());
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
    }

    @Test
    void oneShotTasksRunInTheSlotAtOrAfterTheirTime() {
        // 3..94 ms: every remainder of 10 (from 100 ms on, patch 0031's 50 ms slots)
        assertOneShotsRunInSlots(
                SLOT_MS, LongStream.range(0, 14).map(i -> 3 + i * 7).toArray());
    }

    /**
     * Schedules a one-shot task at each delay and checks that each ran once, in a slot at a multiple of {@code slotMs},
     * never before its time and at most {@code slotMs} after it.
     */
    void assertOneShotsRunInSlots(long slotMs, long[] delays) {
        List<Recording> tasks = new CopyOnWriteArrayList<>();
        List<long[]> windows = new CopyOnWriteArrayList<>(); // earliest and latest start of the task's slot
        for (long delay : delays) {
            Recording task = new Recording();
            long before = System.currentTimeMillis();
            timer.schedule(task, delay);
            long after = System.currentTimeMillis();
            tasks.add(task);
            windows.add(new long[] {before + delay, after + delay + slotMs - 1});
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tasks.stream().allMatch(t -> t.scheduledFor.size() == 1));
        for (int i = 0; i < tasks.size(); i++) {
            long at = tasks.get(i).scheduledFor.get(0);
            assertThat(at % slotMs)
                    .as("task %d (%d ms) scheduled for %d", i, delays[i], at)
                    .isZero();
            assertThat(at).as("task %d (%d ms)", i, delays[i]).isBetween(windows.get(i)[0], windows.get(i)[1]);
        }
    }

    /**
     * Patch 0030: a one-shot task a second or more ahead (Timer J, K: RFC 3261's waits before a transaction leaves) runs
     * in a slot at a multiple of 250 ms, never before its time and at most 250 ms after it.
     */
    @Test
    void oneShotTasksASecondOrMoreAheadRunInQuarterSecondSlots() {
        // 1,000..1,235 ms: remainders of 250 and of 10 alike
        assertOneShotsRunInSlots(
                250, LongStream.range(0, 6).map(i -> 1_000 + i * 47).toArray());
    }

    @Test
    void periodicTasksKeepToTheirSlotsAtAFixedRate() {
        Recording tick = new Recording();
        timer.scheduleWithFixedDelay(tick, 13, 50);

        await().atMost(Duration.ofSeconds(5)).until(() -> tick.scheduledFor.size() >= 6);
        timer.cancel(tick);

        List<Long> runs = List.copyOf(tick.scheduledFor);
        assertThat(runs.get(0) % SLOT_MS).isZero();
        assertThat(runs.get(0)).isGreaterThanOrEqualTo(tick.askedAt + 13);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i) - runs.get(i - 1))
                    .as("period before run %d", i)
                    .isEqualTo(50);
        }
    }

    /**
     * Patch 0031: a one-shot task 100 ms to a second ahead (SendTrying's 200 ms) runs in a slot at a multiple of 50
     * ms, never before its time and at most 50 ms after it.
     */
    @Test
    void oneShotTasks100MsToASecondAheadRunIn50MsSlots() {
        // 100..903 ms: remainders of 50 and of 10 alike
        assertOneShotsRunInSlots(
                50, LongStream.range(0, 12).map(i -> 100 + i * 73).toArray());
    }

    /**
     * Patch 0031: a periodic task whose period is a whole number of 50 ms (a transaction's 500 ms tick) starts, and
     * so ticks, on multiples of 50 ms, never before its delay and at most 50 ms after it; another period keeps the
     * 10 ms slots.
     */
    @Test
    void periodicTasksOfWhole50MsPeriodsTickOn50MsPhases() {
        long phase = 50;
        List<Recording> ticks = new CopyOnWriteArrayList<>();
        List<long[]> windows = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            Recording tick = new Recording();
            long delay = 3 + i * 7L; // 3..52 ms: every remainder of 10 and most of 50
            long before = System.currentTimeMillis();
            timer.scheduleWithFixedDelay(tick, delay, 100);
            long after = System.currentTimeMillis();
            ticks.add(tick);
            windows.add(new long[] {before + delay, after + delay + phase - 1});
        }
        Recording other = new Recording();
        timer.scheduleWithFixedDelay(other, 13, 30);

        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        ticks.stream().allMatch(t -> t.scheduledFor.size() >= 3) && other.scheduledFor.size() >= 3);
        ticks.forEach(timer::cancel);
        timer.cancel(other);
        for (int i = 0; i < ticks.size(); i++) {
            List<Long> runs = List.copyOf(ticks.get(i).scheduledFor);
            assertThat(runs.get(0)).as("tick %d", i).isBetween(windows.get(i)[0], windows.get(i)[1]);
            for (int r = 0; r < runs.size(); r++) {
                assertThat(runs.get(r) % phase)
                        .as("tick %d run %d at %d", i, r, runs.get(r))
                        .isZero();
                if (r > 0) assertThat(runs.get(r) - runs.get(r - 1)).isEqualTo(100);
            }
        }
        List<Long> otherRuns = List.copyOf(other.scheduledFor);
        assertThat(otherRuns.get(0) % SLOT_MS).isZero();
        assertThat(otherRuns.get(0)).isBetween(other.askedAt + 13, other.askedAt + 13 + SLOT_MS + 20);
        assertThat(otherRuns.get(1) - otherRuns.get(0)).isEqualTo(30);
    }

    @Test
    void aCancelledTaskDoesNotRunAndItsSlotmatesDo() {
        Recording cancelled = new Recording();
        Recording kept = new Recording();
        Recording periodic = new Recording();
        timer.schedule(cancelled, 100);
        timer.schedule(kept, 100);
        timer.scheduleWithFixedDelay(periodic, 100, 30);
        timer.cancel(cancelled);

        await().atMost(Duration.ofSeconds(5)).until(() -> periodic.scheduledFor.size() >= 2);
        timer.cancel(periodic);
        int runs = periodic.scheduledFor.size();
        Recording later = new Recording();
        timer.schedule(later, 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> later.scheduledFor.size() == 1);

        assertThat(kept.scheduledFor).hasSize(1);
        assertThat(cancelled.scheduledFor).isEmpty();
        assertThat(periodic.scheduledFor).hasSize(runs);
    }

    @Test
    void oneTaskThatFailsDoesNotStopTheOthers() {
        SIPStackTimerTask failing = new Recording() {
            @Override
            public void runTask() {
                throw new IllegalStateException("a task's own failure (printed by the timer, expected here)");
            }
        };
        Recording next = new Recording();
        timer.schedule(failing, 20);
        timer.schedule(next, 20);

        await().atMost(Duration.ofSeconds(5)).until(() -> next.scheduledFor.size() == 1);
    }

    @Test
    void aNegativeDelayIsRefusedAsBefore() {
        assertThatThrownBy(() -> timer.schedule(new Recording(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
