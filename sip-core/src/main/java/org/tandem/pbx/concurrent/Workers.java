package org.tandem.pbx.concurrent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.tandem.media.concurrent.WorkerPools;

/**
 * Where Tandem's background worker pools (everything but the SIP stripes of {@link SerialExecutors}) are made, so that
 * every one is named ({@code <name>-N} threads, daemon), bounded (a full queue refuses work at once, never grows
 * memory or blocks a SIP thread), measured ({@code executor_*{name=...}} and
 * {@code tandem_worker_rejected_total{pool=...}}) and watched (the appliance's {@code workers} health turns DOWN
 * while one refuses work). The owner of a pool still shuts it down; this class only makes and counts. It is also the
 * media module's {@link WorkerPools}, so the media clock, media IO and the relay's pools are measured and watched alike.
 */
public final class Workers implements WorkerPools {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

    /** @param registry where to publish the pools' metrics; null for none (unit tests) */
    public Workers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Pools that are counted but not published: for unit tests that build a feature by hand. */
    public static Workers unmeasured() {
        return new Workers(null);
    }

    /** One thread working through at most {@code queueCapacity} waiting tasks; more are refused. */
    public ThreadPoolExecutor single(String name, int queueCapacity) {
        return pool(name, 1, queueCapacity);
    }

    /**
     * {@code threads} threads and at most {@code queueCapacity} waiting tasks; more are refused. A capacity of 0 means
     * none waits: a task is taken only while a thread is free (e.g. one restore at a time).
     */
    @Override
    public ThreadPoolExecutor pool(String name, int threads, int queueCapacity) {
        BlockingQueue<Runnable> queue =
                queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        return measured(
                name,
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        0,
                        TimeUnit.MILLISECONDS,
                        queue,
                        threads(name),
                        refusal(name, queueCapacity)));
    }

    /**
     * One timer thread. Its queue holds the scheduled tasks themselves (timeouts, retries, expiries), so it is not
     * bounded by count; cancelled tasks leave it at once.
     */
    @Override
    public ScheduledThreadPoolExecutor timer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads(name), refusal(name, -1));
        timer.setRemoveOnCancelPolicy(true);
        return measured(name, timer);
    }

    /** Refused tasks so far, per pool that refused any (sorted by name). */
    public Map<String, Long> rejections() {
        Map<String, Long> out = new TreeMap<>();
        rejected.forEach((name, count) -> {
            if (count.get() > 0) out.put(name, count.get());
        });
        return out;
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static CustomizableThreadFactory threads(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }

    private RejectedExecutionHandler refusal(String name, int queueCapacity) {
        AtomicLong count = rejected.computeIfAbsent(name, n -> new AtomicLong());
        Counter counter = registry == null
                ? null
                : Counter.builder("tandem.worker.rejected")
                        .tag("pool", name)
                        .description("Tasks a worker pool refused (queue full or shut down)")
                        .register(registry);
        return (task, executor) -> {
            if (executor.isShutdown()) throw new RejectedExecutionException("worker pool " + name + " is shut down");
            count.incrementAndGet(); // lost work: counted, published and shown in health
            if (counter != null) counter.increment();
            throw new RejectedExecutionException(
                    "worker pool " + name + " is full (" + queueCapacity + " tasks waiting)");
        };
    }

    private <E extends ExecutorService> E measured(String name, E executor) {
        if (registry != null) new ExecutorServiceMetrics(executor, name, Tags.empty()).bindTo(registry);
        return executor;
    }
}
