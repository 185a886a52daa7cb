package org.tandem.pbx.queue.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * A queue's recent handling times (an agent's answer to the call's end) and waits (joining to an agent's answer): the
 * last {@value #RECENT} of each within {@link #WINDOW}, from which a waiting caller's remaining wait is estimated.
 * Fed on the queue's stripe, read on the callers' (announcements): its methods are synchronized.
 */
final class WaitEstimate {

    static final int RECENT = 10;
    static final Duration WINDOW = Duration.ofHours(2);

    /** Average handling and wait in milliseconds; -1 when unknown. */
    record Averages(long handlingMillis, long waitMillis) {

        /**
         * The caller at {@code position} who has waited {@code waitedMillis}, with {@code staffed} agents present and
         * not paused: {@code position × handling ÷ staffed} while handling times are known (each agent frees up once
         * per handling time, the callers ahead go first), else the recent average wait less what they have waited (at
         * least 0); empty when neither is known or nobody staffs the queue.
         *
         * @return seconds, rounded up
         */
        OptionalLong secondsFor(int position, int staffed, long waitedMillis) {
            if (staffed <= 0) return OptionalLong.empty();
            if (handlingMillis >= 0) {
                return OptionalLong.of(ceilSeconds(Math.max(1, position) * handlingMillis / staffed));
            }
            if (waitMillis >= 0) return OptionalLong.of(ceilSeconds(Math.max(0, waitMillis - waitedMillis)));
            return OptionalLong.empty();
        }

        private static long ceilSeconds(long millis) {
            return (millis + 999) / 1000;
        }
    }

    private record Sample(Instant at, long millis) {}

    private final Deque<Sample> handling = new ArrayDeque<>();
    private final Deque<Sample> waits = new ArrayDeque<>();

    /** An agent's queue call ended at {@code at}, {@code millis} after its answer. */
    synchronized void handled(Instant at, long millis) {
        add(handling, new Sample(at, millis));
    }

    /** A caller was answered at {@code at} after waiting {@code millis}. */
    synchronized void waited(Instant at, long millis) {
        add(waits, new Sample(at, millis));
    }

    /** The averages as of {@code now}: samples older than the window no longer count. */
    synchronized Averages averages(Instant now) {
        return new Averages(average(handling, now), average(waits, now));
    }

    private static void add(Deque<Sample> samples, Sample s) {
        samples.addLast(s);
        while (samples.size() > RECENT) samples.removeFirst();
    }

    private static long average(Deque<Sample> samples, Instant now) {
        Instant limit = now.minus(WINDOW);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(limit)) samples.removeFirst();
        if (samples.isEmpty()) return -1;
        long sum = 0;
        for (Sample s : samples) sum += s.millis();
        return sum / samples.size();
    }
}
