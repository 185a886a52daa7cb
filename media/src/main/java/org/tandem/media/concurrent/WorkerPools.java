package org.tandem.media.concurrent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Where media makes its worker pools (the media clock and IO pool, the relay's recorder and DTLS handshakes). media
 * knows no metrics or health: the application hands it its pool factory (sip-core's {@code Workers}, which also
 * publishes each pool's {@code executor_*} metrics and its refusals, and turns the {@code workers} health DOWN while
 * one refuses work). Without one (media's own tests) {@link #plain()} makes them named and bounded only.
 *
 * <p>Every pool is named ({@code <name>-N} daemon threads) and bounded: a full queue refuses a task at once with
 * {@link RejectedExecutionException}, so no media or SIP thread ever waits for one.
 */
public interface WorkerPools {

    /**
     * {@code threads} threads and at most {@code queueCapacity} waiting tasks; more are refused. A capacity of 0 means
     * none waits: a task is taken only while a thread is free.
     */
    ThreadPoolExecutor pool(String name, int threads, int queueCapacity);

    /** One timer thread; its queue holds the scheduled tasks themselves (ticks, timeouts), so it has no count bound. */
    ScheduledThreadPoolExecutor timer(String name);

    /** Named, bounded pools that nobody measures: for media used on its own. */
    static WorkerPools plain() {
        return new WorkerPools() {
            @Override
            public ThreadPoolExecutor pool(String name, int threads, int queueCapacity) {
                BlockingQueue<Runnable> queue =
                        queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
                return new ThreadPoolExecutor(
                        threads,
                        threads,
                        0,
                        TimeUnit.MILLISECONDS,
                        queue,
                        daemonThreads(name),
                        new ThreadPoolExecutor.AbortPolicy());
            }

            @Override
            public ScheduledThreadPoolExecutor timer(String name) {
                ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name));
                timer.setRemoveOnCancelPolicy(true);
                return timer;
            }
        };
    }

    /** Threads {@code <name>-1}, {@code <name>-2}, ... that do not keep the JVM alive. */
    static CustomizableThreadFactory daemonThreads(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }
}
