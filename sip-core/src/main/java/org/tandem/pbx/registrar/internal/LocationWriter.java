package org.tandem.pbx.registrar.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

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
 * <li>Without it ({@code flushInterval} zero: write-through) each batch is one transaction before its
 * answer, as before. If a batch fails, its writes are retried one by one so that one bad write fails
 * only its own REGISTER.</li>
 * <li>A future completes only once the change is durable: the caller sends the 200 OK from there.</li>
 * <li>On shutdown the queued changes are still made durable and the database catches up.</li>
 * </ul>
 *
 * <p>With the journal and without {@code fdatasync} a change is appended on the submitting thread itself (the
 * REGISTER's stripe), under one lock with the other appends, and its future is complete when {@link #submit} returns:
 * the writer thread, woken for every REGISTER before, cost a futex wake on one side and a park on the other for each
 * (issue 23). The writer thread then only brings the database up to date ({@link JournalledBindings#flush()}): the
 * journal is rotated under the journal's lock, the rotated changes committed outside it while REGISTERs go on
 * appending, and the rotated file deleted after the commit. With {@code fdatasync} (a few ms per append) the appends stay on the
 * writer thread, off the SIP threads, in batches.
 *
 * <p>The writer is a thread of its own that parks when it has nothing to do, and a submitter wakes it only then (as
 * {@code concurrent.Stripe}): an executor's queue took a lock and signalled a condition for every REGISTER, on both
 * sides (issue 23).
 */
public class LocationWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocationWriter.class);
    static final int MAX_BATCH = 256;

    /** A change queued for the writer thread and its answer. */
    record Write(BindingOp op, CompletableFuture<Void> done) {}

    private static final CompletableFuture<Void> APPENDED = CompletableFuture.completedFuture(null);

    private final BlockingQueue<Write> pending;
    private final Thread thread;
    /** The writer thread is parked or about to park: a submitter must unpark it. */
    private volatile boolean waiting;

    private volatile boolean closing;
    private final BindingCommits commits;
    private final BindingJournal journal;
    /** The journal's changes the database does not have yet; null without a journal or in write-through. */
    private final JournalledBindings journalled;
    /** The journal is synced after each append: appends stay on the writer thread. */
    private final boolean sync;

    private final AtomicLong rejected = new AtomicLong();

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
        this.commits = new BindingCommits(transactions, store);
        this.journal = journal;
        Duration interval = flushInterval == null ? Duration.ZERO : flushInterval;
        this.journalled = journal == null || interval.isZero()
                ? null
                : new JournalledBindings(
                        journal, commits, interval, Math.max(queueCapacity, JournalledBindings.FLUSH_THRESHOLD) * 10);
        this.sync = journal != null && journal.syncs();
        thread = new Thread(this::run, "location-writer-1");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean journalling() {
        return journalled != null && !journalled.broken();
    }

    /** Appends on the submitting thread: journalling without {@code fdatasync} (a page-cache write). */
    private boolean inPlace() {
        return journalling() && !sync;
    }

    /**
     * Makes a change durable: appended to the journal here (complete on return) or queued for the writer. The future
     * fails with {@link RejectedExecutionException} at once when the queue is full or the database is far behind the
     * journal, or with the write's exception.
     */
    public CompletableFuture<Void> submit(BindingOp op) {
        if (closing) {
            return CompletableFuture.failedFuture(new RejectedExecutionException("the registrar is stopping"));
        }
        if (inPlace()) {
            CompletableFuture<Void> appended = appendHere(op);
            if (appended != null) return appended;
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
     * The change appended to the journal on this thread; null when the journal failed (the caller then queues it for
     * the writer, which writes it through).
     */
    private CompletableFuture<Void> appendHere(BindingOp op) {
        switch (journalled.appendFromStripe(op)) {
            case CLOSED -> {
                return CompletableFuture.failedFuture(new RejectedExecutionException("the registrar is stopping"));
            }
            case BEHIND -> {
                rejected.incrementAndGet();
                return CompletableFuture.failedFuture(behind());
            }
            case BROKEN -> {
                // the writer brings the database up to date with what the journal has, then writes through
                if (waiting) LockSupport.unpark(thread);
                return null;
            }
            case DUE_NOW, DUE_SET -> {
                if (waiting) LockSupport.unpark(thread); // the writer may be parked without a deadline
            }
            case APPENDED -> {
                // the writer's deadline stands
            }
        }
        return APPENDED;
    }

    private static RejectedExecutionException behind() {
        return new RejectedExecutionException("the database is behind the registration journal");
    }

    /**
     * At start-up, before the location service is loaded and before any {@link #submit}: the changes a
     * crash left in the journal go to the database, then the journal is emptied.
     */
    public void recover() {
        if (journal == null) return;
        try {
            List<BindingOp> left = journal.read();
            if (left.isEmpty()) return;
            int dropped = commits.commitAll(left);
            if (dropped == BindingCommits.UNAVAILABLE) {
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
     * The writer thread: batches of what is queued, the database flush when it is due, else parked until either. On
     * close it ends once the queue is empty; {@link #close()} then finishes on the closing thread.
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
                long due = flushDue();
                if (due != 0 && System.nanoTime() - due >= 0) {
                    journalled.flush();
                    continue;
                }
                if (closing) return;
                waiting = true;
                // read again after saying so: a submitter that set a deadline before it saw waiting did not unpark
                due = flushDue();
                if (pending.isEmpty() && !closing) {
                    if (due == 0) LockSupport.park(this);
                    else LockSupport.parkNanos(this, due - System.nanoTime());
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

    private long flushDue() {
        return journalled == null ? 0 : journalled.flushDue();
    }

    /**
     * What was queued for the writer: written through without a journal (or once it failed, after what it holds), else
     * appended here in one batch (with {@code fdatasync}, off the SIP threads).
     */
    private void process(List<Write> batch) {
        if (!journalling()) {
            if (journalled != null) {
                // the journal failed: what it took before goes to the database first, in its order
                journalled.flush();
                if (journalled.unflushed() > 0) {
                    IllegalStateException behind =
                            new IllegalStateException("the database is behind the registration journal, which failed");
                    batch.forEach(w -> w.done().completeExceptionally(behind));
                    return;
                }
            }
            commits.commit(batch);
            return;
        }
        switch (journalled.append(batch.stream().map(Write::op).toList())) {
            case BEHIND -> {
                rejected.addAndGet(batch.size());
                RejectedExecutionException behind = behind();
                batch.forEach(w -> w.done().completeExceptionally(behind));
            }
            case BROKEN -> process(batch); // written through, after what the journal holds
            case DUE_NOW -> {
                batch.forEach(w -> w.done().complete(null));
                journalled.flush();
            }
            case DUE_SET, APPENDED -> batch.forEach(w -> w.done().complete(null));
            case CLOSED -> throw new IllegalStateException("the writer's appends are never closed"); // stripes' only
        }
    }

    public int queued() {
        return pending.size();
    }

    /** Changes in the journal that the database does not have yet. */
    public int unflushed() {
        return journalled == null ? 0 : journalled.unflushed();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long commitCount() {
        return commits.count();
    }

    @Override
    public void close() {
        closing = true;
        // an append from a stripe after this would miss the last flush: refused
        if (journalled != null) journalled.closeToStripes();
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
        // the writer thread is gone: finish its work here
        List<Write> rest = new ArrayList<>();
        pending.drainTo(rest);
        for (int i = 0; i < rest.size(); i += MAX_BATCH) {
            process(rest.subList(i, Math.min(rest.size(), i + MAX_BATCH)));
        }
        if (journalled != null) journalled.flush();
        if (journal != null) journal.close();
    }
}
