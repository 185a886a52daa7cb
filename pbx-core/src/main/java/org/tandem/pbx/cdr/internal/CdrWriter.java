package org.tandem.pbx.cdr.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.tandem.pbx.cdr.CdrWriterStatus;

/**
 * The one thread that writes call detail records, behind a bounded queue (the pattern of the
 * registrar's {@code LocationWriter}).
 *
 * <ul>
 * <li>{@link #offer} never blocks: call events are raised on the SIP threads. When the queue is full
 * the event is dropped and counted (health turns red) rather than stalling calls.</li>
 * <li>Events that queued up while the previous batch was written go to the database together (up to
 * {@value #MAX_BATCH}, one transaction); if a batch fails, its events are retried one by one so that
 * one bad event costs only itself.</li>
 * <li>The same thread notes every {@code heartbeat} that the calls in progress are alive, so a row a
 * crash leaves open gets a close-enough end at the next start.</li>
 * <li>{@link #close} writes whatever is still queued, then notes the calls in progress alive one
 * last time.</li>
 * </ul>
 */
public class CdrWriter implements CdrWriterStatus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CdrWriter.class);
    static final int MAX_BATCH = 256;

    /** Applies a batch of call events in one transaction; throws to roll it back. */
    interface BatchSink {
        void apply(List<Object> events);
    }

    private final BlockingQueue<Object> pending;
    private final BatchSink sink;
    private final Runnable heartbeat;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;

    CdrWriter(int queueCapacity, BatchSink sink, Runnable heartbeat, Duration heartbeatEvery) {
        this.pending = new ArrayBlockingQueue<>(queueCapacity);
        this.sink = sink;
        this.heartbeat = heartbeat;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("cdr-writer-");
        threads.setDaemon(true);
        thread = new ScheduledThreadPoolExecutor(1, threads, new ScheduledThreadPoolExecutor.AbortPolicy());
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long every = heartbeatEvery.toMillis();
        thread.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Queues a call event; false (and counted) when the queue is full or the writer closed. */
    public boolean offer(Object event) {
        if (closed || !pending.offer(event)) {
            rejected.incrementAndGet();
            return false;
        }
        scheduleDrain();
        return true;
    }

    private void scheduleDrain() {
        if (!drainScheduled.compareAndSet(false, true)) return;
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            drainScheduled.set(false); // close() writes what is left
        }
    }

    private void drain() {
        try {
            List<Object> batch = new ArrayList<>();
            pending.drainTo(batch, MAX_BATCH);
            if (!batch.isEmpty()) write(batch);
        } finally {
            drainScheduled.set(false);
            if (!pending.isEmpty()) scheduleDrain();
        }
    }

    private void write(List<Object> batch) {
        if (batch.size() > 1) {
            try {
                sink.apply(batch);
                commits.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                // one by one, so only the bad event is lost
            }
        }
        for (Object event : batch) {
            try {
                sink.apply(List.of(event));
                commits.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.error("Call detail record not written for {}", event, e);
            }
        }
    }

    private void beat() {
        try {
            heartbeat.run();
        } catch (RuntimeException e) {
            log.warn("Could not note the calls in progress as alive: {}", e.toString());
        }
    }

    @Override
    public int queued() {
        return pending.size();
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
        List<Object> rest = new ArrayList<>();
        pending.drainTo(rest);
        for (int i = 0; i < rest.size(); i += MAX_BATCH) {
            write(rest.subList(i, Math.min(rest.size(), i + MAX_BATCH)));
        }
        beat();
    }
}
