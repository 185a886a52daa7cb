package org.tandem.pbx.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A fixed set of single-thread executors with bounded queues. Work for one key (a Call-ID) always
 * lands on the same stripe, so it runs serially and in arrival order: dialog and transaction state
 * is only ever touched by one thread at a time and needs no locks (docs/architecture.md, threading model).
 */
public final class SerialExecutors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutors.class);

    private final List<ThreadPoolExecutor> stripes;
    private final AtomicLong rejected = new AtomicLong();
    private final String name;

    public SerialExecutors(String name, int stripeCount, int queueCapacity) {
        this.name = name;
        this.stripes = new ArrayList<>(stripeCount);
        for (int i = 0; i < stripeCount; i++) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-" + i + "-");
            threads.setDaemon(true);
            stripes.add(new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(queueCapacity),
                    threads,
                    new ThreadPoolExecutor.AbortPolicy()));
        }
    }

    /**
     * Runs {@code task} on the stripe owning {@code key}.
     *
     * @return false when that stripe's queue is full (the caller sheds load, e.g. 503)
     */
    public boolean execute(String key, Runnable task) {
        ThreadPoolExecutor stripe = stripes.get(Math.floorMod(key == null ? 0 : key.hashCode(), stripes.size()));
        try {
            stripe.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("Unhandled failure in {} task", name, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            return false;
        }
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public int queuedTasks() {
        return stripes.stream().mapToInt(s -> s.getQueue().size()).sum();
    }

    public int stripeCount() {
        return stripes.size();
    }

    @Override
    public void close() {
        stripes.forEach(ThreadPoolExecutor::shutdown);
        for (ThreadPoolExecutor s : stripes) {
            try {
                if (!s.awaitTermination(2, TimeUnit.SECONDS)) s.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
    }
}
