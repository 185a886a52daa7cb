package org.tandem.pbx.cdr.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CdrWriter}'s journal side: each window's events are appended to the {@link CdrJournal} and kept until
 * the database has them; the database gets them all in one transaction an interval after the first (or at once when
 * {@value #FLUSH_THRESHOLD} wait), and the journal is emptied after that commit. While the database is away they stay
 * in the journal and in memory and are tried again an interval later. Runs on the writer's thread only (its
 * {@code thread}), except {@link #unflushed()}.
 */
final class JournalledEvents {

    private static final Logger log = LoggerFactory.getLogger(JournalledEvents.class);
    /** Journalled events that make the writer update the database at once rather than at the interval. */
    static final int FLUSH_THRESHOLD = 4_096;
    /** Journalled events the database may be behind by; beyond, new events wait in memory (then are dropped). */
    static final int MAX_UNFLUSHED = 200_000;

    private final CdrJournal journal;
    private final long flushIntervalMs;
    private final ScheduledExecutorService thread;
    /** Writes events to the database; returns those not written because it is unreachable. */
    private final UnaryOperator<List<Object>> database;
    /** Journalled, not yet in the database, oldest first. */
    private final List<Object> unflushed = new ArrayList<>();

    private final AtomicInteger unflushedCount = new AtomicInteger();
    private boolean flushScheduled;
    /** The last flush found the database away: reads do not ask for more until a scheduled one got through. */
    private boolean flushFailing;

    JournalledEvents(
            CdrJournal journal,
            Duration flushInterval,
            ScheduledExecutorService thread,
            UnaryOperator<List<Object>> database) {
        this.journal = journal;
        this.flushIntervalMs = flushInterval.toMillis();
        this.thread = thread;
        this.database = database;
    }

    /** Journalled events the database does not have yet (any thread). */
    int unflushed() {
        return unflushedCount.get();
    }

    /**
     * Appends {@code batch} to the journal and leaves the database to {@link #flush}; returns the events not taken:
     * all of them while the database is far behind (the writer keeps them in memory and retries, as when it is away).
     */
    List<Object> take(List<Object> batch) {
        if (unflushed.size() >= MAX_UNFLUSHED) return batch;
        try {
            journal.append(batch);
        } catch (IOException e) {
            log.error(
                    "Call record journal {} not writable ({}); writing to the database at once",
                    journal.file(),
                    e.toString());
            flush();
            return unflushed.isEmpty() ? database.apply(batch) : batch;
        }
        unflushed.addAll(batch);
        unflushedCount.set(unflushed.size());
        if (unflushed.size() >= FLUSH_THRESHOLD) flushUnlessFailing(); // (failing: its retry is scheduled)
        else scheduleFlush();
        return List.of();
    }

    /** A flush now (a read of the records, the heartbeat), unless the last one found the database away. */
    void flushUnlessFailing() {
        if (!flushFailing) flush();
    }

    private void scheduleFlush() {
        if (flushScheduled) return;
        flushScheduled = true;
        try {
            thread.schedule(
                    () -> {
                        flushScheduled = false;
                        flush();
                    },
                    flushIntervalMs,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            flushScheduled = false; // close() flushes
        }
    }

    /**
     * The journalled events go to the database in one transaction (one by one if it refuses them), then the journal
     * is emptied. (A crash between the commit and the emptying replays events the database has: a start, answer or
     * end changes nothing the second time, see CdrFold; a queue visit would be counted twice.)
     */
    private void flush() {
        if (unflushed.isEmpty()) return;
        List<Object> left = database.apply(unflushed);
        flushFailing = !left.isEmpty();
        if (!left.isEmpty()) {
            List<Object> keep = new ArrayList<>(left);
            unflushed.clear();
            unflushed.addAll(keep);
            unflushedCount.set(unflushed.size());
            log.warn(
                    "Database unreachable: {} journalled call events wait, retrying in {} ms",
                    keep.size(),
                    flushIntervalMs);
            scheduleFlush();
            return;
        }
        unflushed.clear();
        unflushedCount.set(0);
        try {
            journal.reset();
        } catch (IOException e) {
            log.warn("Call record journal {} not emptied: {}", journal.file(), e.toString());
        }
    }

    /**
     * At the writer's close, its thread ended: what is still queued ({@code rest}) joins the journal, the journal goes
     * to the database; returns what is neither (the journal not writable) for the writer to write directly. A
     * database away at the stop loses nothing: the journal keeps it for the next start.
     */
    List<Object> close(List<Object> rest) {
        if (!rest.isEmpty()) {
            try {
                journal.append(rest);
                unflushed.addAll(rest);
                rest = List.of();
            } catch (IOException e) {
                log.error("Call record journal {} not writable at the stop: {}", journal.file(), e.toString());
            }
        }
        flush();
        if (!unflushed.isEmpty()) {
            log.warn(
                    "Stopping with the database unreachable: {} call events kept in {} for the next start",
                    unflushed.size(),
                    journal.file());
        }
        journal.close();
        return rest;
    }
}
