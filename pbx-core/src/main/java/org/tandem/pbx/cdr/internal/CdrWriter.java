package org.tandem.pbx.cdr.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.CannotCreateTransactionException;
import org.tandem.pbx.cdr.CdrWriterStatus;

/**
 * The one thread that writes call detail records, behind a bounded queue (the pattern of the
 * registrar's {@code LocationWriter}).
 *
 * <ul>
 * <li>{@link #offer} never blocks: call events are raised on the SIP threads. When the queue is full
 * the event is dropped and counted (health turns red) rather than stalling calls.</li>
 * <li>Group commit: the first event of a batch waits up to {@code commitWindow} for others (or until
 * {@value #MAX_BATCH} are queued), and they go to the database together in one transaction. A commit
 * costs about the same whatever it holds (H2 writes a chunk of every changed index page), so at
 * 150 calls/s one commit per window instead of one per event is most of the CDR's CPU (issue 23);
 * events queue up in memory for the window either way. If a batch fails, its events are retried one
 * by one so that one bad event costs only itself.</li>
 * <li>While the database is unreachable (connection refused, pool exhausted, deadlock...) the batch is
 * kept and retried with a growing pause instead of being dropped; new events wait in the queue, and
 * only when that is full are they dropped.</li>
 * <li>The same thread notes every {@code heartbeat} that the calls in progress are alive, so a row a
 * crash leaves open gets a close-enough end at the next start.</li>
 * <li>With the journal (the default) each window's events are appended to {@link CdrJournal} instead, and the
 * database gets the journalled events every {@code journalFlushInterval} (or sooner when many wait) in one
 * transaction, after which the journal is emptied: a {@code kill -9} loses no journalled event ({@link #recover}
 * replays them at the next start; as without the journal, the events of the last window are only in memory), and
 * the database commits once every few seconds instead of every window (issue 23: a commit costs about the same
 * whatever it holds, and the per-window commit was most of a call's H2 work and of the JIT's late compilations).
 * A read of the call records makes the writer flush first ({@link #catchUp}): pages and the API lag no more than
 * before.</li>
 * <li>{@link #close} writes whatever is still queued, then notes the calls in progress alive one
 * last time.</li>
 * </ul>
 */
public class CdrWriter implements CdrWriterStatus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CdrWriter.class);
    static final int MAX_BATCH = 256;

    static final long FIRST_RETRY_MS = 200;
    static final long MAX_RETRY_MS = 10_000;

    /** Applies a batch of call events in one transaction; throws to roll it back. */
    interface BatchSink {
        void apply(List<Object> events);
    }

    private final BlockingQueue<Object> pending;
    private final BatchSink sink;
    private final Runnable heartbeat;
    private final ScheduledThreadPoolExecutor thread;
    private final long commitWindowMs;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean drainNowScheduled = new AtomicBoolean();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;
    /** A batch the database could not take yet: written before anything newer (writer thread only). */
    private volatile List<Object> held;

    private long retryMs = FIRST_RETRY_MS;

    /** Where each window's events go first; null: straight to the database. */
    private final JournalledEvents journal;
    /** The journal file, read by {@link #recover} also when not in use (an earlier run may have left events). */
    private final CdrJournal journalFile;

    CdrWriter(int queueCapacity, BatchSink sink, Runnable heartbeat, Duration heartbeatEvery) {
        this(queueCapacity, sink, heartbeat, heartbeatEvery, Duration.ZERO);
    }

    CdrWriter(int queueCapacity, BatchSink sink, Runnable heartbeat, Duration heartbeatEvery, Duration commitWindow) {
        this(queueCapacity, sink, heartbeat, heartbeatEvery, commitWindow, null, Duration.ZERO);
    }

    /**
     * @param journal              where each window's events go first; {@code null} or a zero
     *                             {@code journalFlushInterval}: each window is written to the database
     * @param journalFlushInterval how long journalled events may wait for the database
     */
    CdrWriter(
            int queueCapacity,
            BatchSink sink,
            Runnable heartbeat,
            Duration heartbeatEvery,
            Duration commitWindow,
            CdrJournal journal,
            Duration journalFlushInterval) {
        this.journalFile = journal;
        this.commitWindowMs = commitWindow.toMillis();
        this.pending = new ArrayBlockingQueue<>(queueCapacity);
        this.sink = sink;
        this.heartbeat = heartbeat;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cdr-writer-");
        threads.setDaemon(true);
        thread = new ScheduledThreadPoolExecutor(1, threads, new ScheduledThreadPoolExecutor.AbortPolicy());
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.journal = journal == null || journalFlushInterval.isZero()
                ? null
                : new JournalledEvents(journal, journalFlushInterval, thread, events -> write(sink, events));
        long every = heartbeatEvery.toMillis();
        thread.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Queues a call event; false (and counted) when the queue is full or the writer closed. */
    public boolean offer(Object event) {
        if (closed || !pending.offer(event)) {
            rejected.incrementAndGet();
            return false;
        }
        if (pending.size() >= MAX_BATCH) drainNow();
        else scheduleDrain();
        return true;
    }

    private void scheduleDrain() {
        if (!drainScheduled.compareAndSet(false, true)) return;
        try {
            if (commitWindowMs > 0) {
                thread.schedule(this::drain, commitWindowMs, TimeUnit.MILLISECONDS);
            } else {
                thread.execute(this::drain);
            }
        } catch (RejectedExecutionException shuttingDown) {
            drainScheduled.set(false); // close() writes what is left
        }
    }

    /**
     * A full batch is waiting: write it without waiting for the window (a burst must not be held to one
     * batch per window). Not while the database is away: the retry's back-off decides then.
     */
    private void drainNow() {
        if (held != null || !drainNowScheduled.compareAndSet(false, true)) return;
        try {
            thread.execute(() -> {
                drainNowScheduled.set(false);
                drain();
            });
        } catch (RejectedExecutionException shuttingDown) {
            drainNowScheduled.set(false); // close() writes what is left
        }
    }

    private void drain() {
        List<Object> batch = held != null ? held : new ArrayList<>();
        held = null;
        try {
            if (batch.size() < MAX_BATCH) pending.drainTo(batch, MAX_BATCH - batch.size());
            List<Object> unwritten =
                    batch.isEmpty() ? List.of() : journal != null ? journal.take(batch) : write(sink, batch);
            if (!unwritten.isEmpty()) {
                held = new ArrayList<>(unwritten);
                retryLater();
                return; // the retry keeps the drain scheduled
            }
            retryMs = FIRST_RETRY_MS;
        } catch (RuntimeException unexpected) {
            log.error("CDR writer failed on a batch of {} call events", batch.size(), unexpected);
        }
        drainScheduled.set(false);
        if (pending.size() >= MAX_BATCH) drainNow();
        else if (!pending.isEmpty()) scheduleDrain();
    }

    private void retryLater() {
        log.warn("Database unreachable: {} call events kept, retrying in {} ms", held.size(), retryMs);
        try {
            thread.schedule(this::drain, retryMs, TimeUnit.MILLISECONDS);
            retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
        } catch (RejectedExecutionException closing) {
            drainScheduled.set(false); // close() writes what is held
        }
    }

    /**
     * At start-up, before any {@link #offer}: the events a crash left in the journal go to the database through
     * {@code replay} (a sink of its own, so that the writer's kept rows start empty), then the journal is emptied.
     * Fails the start when the database takes none of them: the journal is kept for the next one.
     *
     * @return how many events were replayed
     */
    int recover(BatchSink replay) {
        if (journalFile == null) return 0;
        try {
            List<Object> left = journalFile.read();
            if (left.isEmpty()) return 0;
            if (!write(replay, left).isEmpty()) {
                throw new IllegalStateException("the database did not take the " + left.size()
                        + " call events left in the journal " + journalFile.file() + "; it is kept for the next start");
            }
            journalFile.reset();
            log.info(
                    "Call record journal: {} call events from before the last stop replayed into the database",
                    left.size());
            return left.size();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the call record journal " + journalFile.file(), e);
        }
    }

    /** Writes {@code batch} through {@code sink}; returns the events not written because the database is unreachable. */
    private List<Object> write(BatchSink sink, List<Object> batch) {
        if (batch.size() > 1) {
            try {
                sink.apply(batch);
                commits.incrementAndGet();
                return List.of();
            } catch (RuntimeException e) {
                if (unreachable(e)) return batch;
                // one by one, so only the bad event is lost
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Object event = batch.get(i);
            try {
                sink.apply(List.of(event));
                commits.incrementAndGet();
            } catch (RuntimeException e) {
                if (unreachable(e)) return batch.subList(i, batch.size());
                failed.incrementAndGet();
                log.error("Call detail record not written for {}", event, e);
            }
        }
        return List.of();
    }

    /** The database is away or busy, not the event at fault: worth retrying the same writes. */
    static boolean unreachable(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException
                || e instanceof CannotCreateTransactionException;
    }

    /** The heartbeat notes the calls in the database alive: what the journal holds goes there first. */
    private void beat() {
        try {
            if (journal != null && !closed && held == null) journal.flushUnlessFailing();
            heartbeat.run();
        } catch (RuntimeException e) {
            log.warn("Could not note the calls in progress as alive: {}", e.toString());
        }
    }

    /**
     * Before a read of the call records: what the journal holds goes to the database now rather than at the interval,
     * so that a page or the API shows a call once its events were taken (those still in the commit window follow it).
     * Waits at most {@code timeout}, then the read sees what the database has; a database that is away is not
     * waited for. The readers' threads (HTTP, UI) only: never the writer's, never a SIP thread.
     */
    public void catchUp(Duration timeout) {
        if (journal == null || closed || journal.unflushed() == 0) return;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    if (held == null) journal.flushUnlessFailing();
                } finally {
                    done.complete(null);
                }
            });
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException closingOrSlow) {
            // read what the database has
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Journalled events the database does not have yet. */
    public int unflushed() {
        return journal == null ? 0 : journal.unflushed();
    }

    @Override
    public int queued() {
        List<Object> h = held;
        return pending.size() + (h == null ? 0 : h.size());
    }

    @Override
    public long rejectedCount() {
        return rejected.get();
    }

    @Override
    public long failedCount() {
        return failed.get();
    }

    public long commitCount() {
        return commits.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
        List<Object> rest = new ArrayList<>(held == null ? List.of() : held);
        held = null;
        pending.drainTo(rest);
        if (journal != null) {
            rest = journal.close(rest);
        } else if (journalFile != null) {
            journalFile.close();
        }
        int lost = 0;
        for (int i = 0; i < rest.size(); i += MAX_BATCH) {
            lost += write(sink, rest.subList(i, Math.min(rest.size(), i + MAX_BATCH)))
                    .size();
        }
        if (lost > 0) {
            failed.addAndGet(lost);
            log.error("Stopping with the database unreachable: {} call events not written", lost);
        }
        beat();
    }
}
