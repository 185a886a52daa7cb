package org.tandem.pbx.registrar.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one thread that writes registrations to the database, behind a bounded queue.
 *
 * <ul>
 * <li>A single writer keeps the writes of one AOR in the order their REGISTERs were applied in memory,
 * so the database ends up where memory is, and keeps JDBC off the SIP threads.</li>
 * <li>Writes that queued up while the previous transaction ran are committed together (up to
 * {@value #MAX_BATCH} per transaction): under a registration storm one commit serves many phones. If a
 * batch fails, its writes are retried one by one so that one bad write fails only its own REGISTER.</li>
 * <li>A future completes only after the commit: the caller sends the 200 OK from there.</li>
 * <li>On shutdown the queued writes are still committed: their phones are waiting for the 200.</li>
 * </ul>
 */
public class LocationWriter implements AutoCloseable {

    static final int MAX_BATCH = 64;

    private record Write(Runnable work, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Write> pending;
    private final ThreadPoolExecutor executor;
    private final TransactionTemplate transactions;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    public LocationWriter(int queueCapacity, TransactionTemplate transactions) {
        this.pending = new ArrayBlockingQueue<>(queueCapacity);
        this.transactions = transactions;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("location-writer-");
        threads.setDaemon(true);
        // only "drain" tasks go to this executor, at most one or two at a time
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4), threads,
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Queues {@code work} (JDBC calls; it runs inside a transaction). The future fails with
     * {@link RejectedExecutionException} at once when the queue is full, or with the write's exception.
     */
    public CompletableFuture<Void> submit(Runnable work) {
        Write w = new Write(work, new CompletableFuture<>());
        if (!pending.offer(w)) {
            rejected.incrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException("registration write queue is full"));
        }
        scheduleDrain();
        return w.done();
    }

    private void scheduleDrain() {
        if (!drainScheduled.compareAndSet(false, true)) return;
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            drainScheduled.set(false); // close() commits what is left
        }
    }

    private void drain() {
        try {
            List<Write> batch = new ArrayList<>();
            pending.drainTo(batch, MAX_BATCH);
            if (!batch.isEmpty()) commit(batch);
        } finally {
            drainScheduled.set(false);
            if (!pending.isEmpty()) scheduleDrain();
        }
    }

    private void commit(List<Write> batch) {
        if (batch.size() > 1) {
            try {
                transactions.executeWithoutResult(s -> batch.forEach(w -> w.work().run()));
                commits.incrementAndGet();
                batch.forEach(w -> w.done().complete(null));
                return;
            } catch (RuntimeException e) {
                // fall through: one by one, so only the bad write fails
            }
        }
        for (Write w : batch) {
            try {
                transactions.executeWithoutResult(s -> w.work().run());
                commits.incrementAndGet();
                w.done().complete(null);
            } catch (RuntimeException e) {
                w.done().completeExceptionally(e);
            }
        }
    }

    public int queued() {
        return pending.size();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public long commitCount() {
        return commits.get();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        List<Write> rest = new ArrayList<>();
        pending.drainTo(rest);
        for (int i = 0; i < rest.size(); i += MAX_BATCH) {
            commit(rest.subList(i, Math.min(rest.size(), i + MAX_BATCH)));
        }
    }
}
