package org.tandem.pbx.registrar.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one thread that writes registrations to the database, with a bounded queue. A single writer
 * keeps the writes of one AOR in the order their REGISTERs were accepted in memory (so the database
 * ends up where memory is), and keeps JDBC off the SIP threads. On shutdown the queued writes are
 * finished: their 200 OKs have not been sent yet, and the phones will retransmit otherwise.
 */
public class LocationWriter implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public LocationWriter(int queueCapacity) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("location-writer-");
        threads.setDaemon(true);
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                threads, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code write} on the writer thread; the future fails when the queue is full or the write fails. */
    public CompletableFuture<Void> submit(Runnable write) {
        try {
            return CompletableFuture.runAsync(write, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public int queued() {
        return executor.getQueue().size();
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
    }
}
