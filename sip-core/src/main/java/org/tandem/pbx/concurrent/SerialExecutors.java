package org.tandem.pbx.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed set of single-thread executors with bounded queues. Work for one key (a Call-ID) always
 * lands on the same stripe, so it runs serially and in arrival order: dialog and transaction state
 * is only ever touched by one thread at a time and needs no locks (docs/architecture.md, threading model).
 * Each stripe is a {@link Stripe}: a lock-free queue whose thread is woken only when it waits for work.
 */
public final class SerialExecutors implements AutoCloseable {

    private final Stripe[] stripes;
    private final AtomicLong rejected = new AtomicLong();

    public SerialExecutors(String name, int stripeCount, int queueCapacity) {
        this.stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe(name, name + "-" + i + "-1", queueCapacity);
        }
    }

    /**
     * Runs {@code task} on the stripe owning {@code key}.
     *
     * @return false when that stripe's queue is full (the caller sheds load, e.g. 503)
     */
    public boolean execute(String key, Runnable task) {
        Stripe stripe = stripes[Math.floorMod(key == null ? 0 : key.hashCode(), stripes.length)];
        if (stripe.offer(task)) return true;
        rejected.incrementAndGet();
        return false;
    }

    public long rejectedCount() {
        return rejected.get();
    }

    public int queuedTasks() {
        int sum = 0;
        for (Stripe s : stripes) sum += s.queued();
        return sum;
    }

    public int stripeCount() {
        return stripes.length;
    }

    @Override
    public void close() {
        for (Stripe s : stripes) s.shutdown();
        for (Stripe s : stripes) s.awaitTermination(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
    }
}
