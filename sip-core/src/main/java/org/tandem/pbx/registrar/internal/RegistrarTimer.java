package org.tandem.pbx.registrar.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.tandem.pbx.concurrent.Housekeeping;
import org.tandem.pbx.concurrent.Workers;

/**
 * The registrar's single timer thread (pruning, NAT keepalives). Deliberately not exposed as a
 * {@code ScheduledExecutorService} bean: Spring Boot would then skip its own task scheduler and run
 * every {@code @Scheduled} method of the appliance on this one thread.
 */
public class RegistrarTimer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    public RegistrarTimer(Workers workers) {
        executor = workers.timer("registrar-timer");
    }

    /** {@code task} every {@code period}, the first time one period from now. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        long ms = period.toMillis();
        return executor.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** A clean-up every {@code period}, the first time soon after the start ({@link Housekeeping}). */
    public ScheduledFuture<?> housekeeping(Duration period, Runnable task) {
        return executor.scheduleWithFixedDelay(
                task, Housekeeping.firstRunMillis(period), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
