package org.tandem.pbx.registrar.internal;

import static org.tandem.pbx.registrar.internal.BindingCommits.UNAVAILABLE;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.registrar.internal.BindingCommits.Write;

/**
 * The one thread that makes registrations durable, behind a bounded queue.
 *
 * <ul>
 * <li>A single writer keeps the changes of one AOR in the order their REGISTERs were applied in memory,
 * so the database ends up where memory is, and keeps file and JDBC work off the SIP threads.</li>
 * <li>With the journal (the default) a batch of changes is appended to {@link BindingJournal} and then
 * answered; the database gets the journalled changes every {@code flushInterval} (or sooner when many
 * wait) in one transaction, and the journal is emptied after that commit. A REGISTER then costs a
 * small file append instead of a database commit (issue 23), and a {@code kill -9} still loses no
 * answered registration: {@link #recover()} replays the journal at the next start.</li>
 * <li>The database's flush runs on a thread of its own ({@code location-flusher}) while the writer goes on
 * appending and answering to a new journal file ({@link BindingJournal#rotate()}): a flush of 2,000 changes took
 * the writer ~50 ms in which no REGISTER was answered, every half second at 4,000 REGISTERs a second (issue 23:
 * the top rate's tail). One flush at a time, in the order of the journal's files.</li>
 * <li>Without it ({@code flushInterval} zero: write-through) each batch is one transaction before its
 * answer, as before. If a batch fails, its writes are retried one by one so that one bad write fails
 * only its own REGISTER.</li>
 * <li>A future completes only once the change is durable: the caller sends the 200 OK from there.</li>
 * <li>On shutdown the queued changes are still made durable and the database catches up.</li>
 * </ul>
 *
 * <p>The writer is a thread of its own that parks when it has nothing to do, and a REGISTER's thread wakes it only
 * then (as {@code concurrent.Stripe}): an executor's queue took a lock and signalled a condition for every REGISTER,
 * on both sides (issue 23).
 */
public class LocationWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocationWriter.class);
    static final int MAX_BATCH = 256;
    /** Journalled changes that make the writer update the database at once rather than at the interval. */
    static final int FLUSH_THRESHOLD = 2_000;

    private final BlockingQueue<Write> pending;
    private final Thread thread;
    /** The writer thread is parked or about to park: a submitter must unpark it. */
    private volatile boolean waiting;

    private volatile boolean closing;
    private final BindingCommits database;
    private final BindingJournal journal;
    private final Duration flushInterval;
    private final int maxUnflushed;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicInteger unflushedCount = new AtomicInteger();
    /** The database's flushes, one at a time; null in write-through. */
    private final ExecutorService flusher;

    // writer thread only (and the closing thread once the writer has ended)
    /** Journalled in the file appended to, not yet handed to the database. */
    private final List<BindingOp> unflushed = new ArrayList<>();
    /** In the journal's earlier file, being flushed (or to be retried); null when there is no such file. */
    private List<BindingOp> flushing;
    /** The flush of {@link #flushing} under way: true when the database took it. */
    private CompletableFuture<Boolean> inFlight;
    /** Another flush is due as soon as the one under way ends. */
    private boolean flushWanted;
    /** When journalled changes must be in the database ({@link System#nanoTime()}); 0: none. */
    private long flushDue;

    /**
     * @param journal       where changes go first; {@code null} or a zero {@code flushInterval}: write-through
     *                      (a journal is then only read by {@link #recover()})
     * @param flushInterval how long journalled changes may wait for the database
     */
    public LocationWriter(
            int queueCapacity,
            TransactionTemplate transactions,
            RegistrationStore store,
            BindingJournal journal,
            Duration flushInterval) {
        this.pending = new ArrayBlockingQueue<>(queueCapacity);
        this.database = new BindingCommits(transactions, store);
        this.journal = journal;
        this.flushInterval = flushInterval == null ? Duration.ZERO : flushInterval;
        this.maxUnflushed = Math.max(queueCapacity, FLUSH_THRESHOLD) * 10;
        this.flusher = journalling() ? Executors.newSingleThreadExecutor(r -> daemon(r, "location-flusher-1")) : null;
        thread = daemon(this::run, "location-writer-1");
        thread.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private boolean journalling() {
        return journal != null && !flushInterval.isZero();
    }

    /**
     * Queues a change. The future fails with {@link RejectedExecutionException} at once when the queue is
     * full (or later, when the database is far behind the journal), or with the write's exception.
     */
    public CompletableFuture<Void> submit(BindingOp op) {
        if (closing) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("the registrar is stopping"));
        }
        Write w = new Write(op, new CompletableFuture<>());
        if (!pending.offer(w)) {
            rejected.incrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException("registration write queue is full"));
        }
        // after the offer: either the writer still sees it before it parks, or it has said it waits
        if (waiting) LockSupport.unpark(thread);
        return w.done();
    }

    /**
     * At start-up, before the location service is loaded and before any {@link #submit}: the changes a
     * crash left in the journal (both its files, the older first) go to the database, then the journal is emptied.
     */
    public void recover() {
        if (journal == null) return;
        try {
            List<BindingOp> left = journal.read();
            if (left.isEmpty()) return;
            if (database.commitAll(left) == UNAVAILABLE) {
                throw new IllegalStateException(
                        "the database did not take the " + left.size() + " registration changes left in the journal "
                                + journal.file() + "; it is kept for the next start");
            }
            journal.reset();
            log.info(
                    "Registration journal: {} changes from before the last stop replayed into the database",
                    left.size());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the registration journal " + journal.file(), e);
        }
    }

    /**
     * The writer thread: batches of what is queued, the end of a flush, a flush when it is due, else parked until
     * one of them. On close it ends once the queue is empty; {@link #close()} then finishes on the closing thread.
     */
    private void run() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                pending.drainTo(batch, MAX_BATCH);
                if (!batch.isEmpty()) {
                    process(batch);
                    batch.clear();
                    continue;
                }
                if (inFlight != null && inFlight.isDone()) {
                    flushEnded();
                    continue;
                }
                if (flushDue != 0 && System.nanoTime() - flushDue >= 0) {
                    flushDue = 0;
                    startFlush();
                    continue;
                }
                if (closing) return;
                waiting = true;
                if (pending.isEmpty() && !closing && !(inFlight != null && inFlight.isDone())) {
                    if (flushDue == 0) LockSupport.park(this);
                    else LockSupport.parkNanos(this, flushDue - System.nanoTime());
                }
                waiting = false;
            } catch (RuntimeException | Error e) {
                // a failure process() did not hand to its futures: the writer goes on with the next batch
                batch.forEach(w -> w.done().completeExceptionally(e));
                batch.clear();
                log.error("The registration writer failed", e);
            }
        }
    }

    private void process(List<Write> batch) {
        if (!journalling()) {
            database.commit(batch);
            return;
        }
        if (unflushedCount.get() >= maxUnflushed) {
            // RFC 3261 §21.5.4 (503 by the caller): the database is far behind; shed rather than grow without end
            rejected.addAndGet(batch.size());
            batch.forEach(w -> w.done()
                    .completeExceptionally(
                            new RejectedExecutionException("the database is behind the registration journal")));
            return;
        }
        List<BindingOp> ops = batch.stream().map(Write::op).toList();
        try {
            journal.append(ops);
        } catch (IOException e) {
            log.error(
                    "Registration journal {} not writable ({}); writing through to the database",
                    journal.file(),
                    e.toString());
            if (flushNow()) {
                database.commit(batch);
            } else {
                batch.forEach(w -> w.done().completeExceptionally(e));
            }
            return;
        }
        batch.forEach(w -> w.done().complete(null));
        unflushed.addAll(ops);
        countUnflushed();
        if (unflushed.size() >= FLUSH_THRESHOLD) {
            startFlush();
        } else if (flushDue == 0 && !flushWanted) {
            flushDue = flushLater();
        }
    }

    /** A flush time one interval from now (never 0, which means none). */
    private long flushLater() {
        long due = System.nanoTime() + flushInterval.toNanos();
        return due == 0 ? 1 : due;
    }

    private void countUnflushed() {
        unflushedCount.set(unflushed.size() + (flushing == null ? 0 : flushing.size()));
    }

    /**
     * Hands the journalled changes to the flusher: those of the journal's earlier file when a flush of it failed,
     * else the ones appended since, whose file is set aside first. While a flush runs, the next waits for it.
     */
    private void startFlush() {
        flushDue = 0;
        if (inFlight != null) {
            flushWanted = true;
            return;
        }
        flushWanted = false;
        if (flushing == null) {
            if (unflushed.isEmpty()) return;
            try {
                journal.rotate();
            } catch (IOException | RuntimeException e) {
                log.warn("Registration journal {} not rotated ({}); flushing in place", journal.file(), e.toString());
                flushNow();
                return;
            }
            flushing = List.copyOf(unflushed);
            unflushed.clear();
        }
        List<BindingOp> ops = flushing;
        inFlight = CompletableFuture.supplyAsync(() -> database.commitAll(ops) != UNAVAILABLE, flusher);
        inFlight.whenComplete((ok, e) -> LockSupport.unpark(thread));
    }

    /** The flush under way ended: its file goes, or (the database is down) it is retried after an interval. */
    private void flushEnded() {
        boolean committed = inFlight.handle((ok, e) -> e == null && ok).join();
        inFlight = null;
        if (committed) {
            flushing = null;
            try {
                journal.dropFlushing();
            } catch (IOException e) {
                // harmless: replaying changes the database already has leaves it as it is
                log.warn("Registration journal {}: flushed file not removed: {}", journal.file(), e.toString());
            }
            countUnflushed();
            if (flushWanted || unflushed.size() >= FLUSH_THRESHOLD) startFlush();
            else if (!unflushed.isEmpty() && flushDue == 0) flushDue = flushLater();
        } else {
            // the database is down: keep the journal and try again later (after close, the next start replays it)
            log.warn(
                    "Registration journal: the database took none of {} changes; retrying in {}",
                    flushing.size(),
                    flushInterval);
            flushWanted = false;
            flushDue = flushLater();
        }
    }

    /**
     * On this thread: waits for a flush under way, then commits everything journalled and empties the journal.
     * Returns whether the database took it all (on close, and when the journal cannot be written).
     */
    private boolean flushNow() {
        if (inFlight != null) {
            boolean committed = inFlight.handle((ok, e) -> e == null && ok).join();
            inFlight = null;
            if (committed) flushing = null; // its file goes with the reset below
        }
        flushDue = 0;
        flushWanted = false;
        if (flushing != null) {
            if (database.commitAll(flushing) == UNAVAILABLE) return false;
            flushing = null;
        }
        if (!unflushed.isEmpty() && database.commitAll(unflushed) == UNAVAILABLE) {
            countUnflushed();
            return false;
        }
        unflushed.clear();
        countUnflushed();
        try {
            journal.reset();
        } catch (IOException e) {
            log.warn("Registration journal {} not emptied: {}", journal.file(), e.toString());
        }
        return true;
    }

    public int queued() {
        return pending.size();
    }

    /** Changes in the journal that the database does not have yet. */
    public int unflushed() {
        return unflushedCount.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long commitCount() {
        return database.count();
    }

    /** Whether no flush is under way, or the one under way ended (well or not) within {@code timeout}. */
    private boolean flushEndsWithin(Duration timeout) {
        if (inFlight == null) return true;
        try {
            inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true; // ended: flushNow() sees how
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // a database that hangs: the journal has every answered change, the next start replays it
            log.warn("The registration writer did not end within 10 s; the journal keeps what it holds");
            return;
        }
        if (!flushEndsWithin(Duration.ofSeconds(10))) {
            log.warn("The registration database did not take a flush within 10 s; the journal keeps what it holds");
            flusher.shutdownNow();
            journal.close();
            return;
        }
        // the writer thread is gone: finish its work here
        List<Write> rest = new ArrayList<>();
        pending.drainTo(rest);
        for (int i = 0; i < rest.size(); i += MAX_BATCH) {
            process(rest.subList(i, Math.min(rest.size(), i + MAX_BATCH)));
        }
        if (journalling()) flushNow();
        if (flusher != null) flusher.shutdown();
        if (journal != null) journal.close();
    }
}
