package org.tandem.pbx.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed set of single-thread executors with bounded queues. Work for one key (a Call-ID) always
 * lands on the same stripe, so it runs serially and in arrival order: dialog and transaction state
 * is only ever touched by one thread at a time and needs no locks (docs/architecture.md, threading model).
 * Each stripe is a {@link Stripe}: a lock-free queue whose thread is woken only when it waits for work.
 */
public final class SerialExecutors implements AutoCloseable {

    private final Stripe[] stripes;
    private final AtomicLong rejected = new AtomicLong();
    private final LongAdder ranInPlace = new LongAdder();

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

    /**
     * As {@link #execute}, but runs {@code task} on the calling thread when the key's stripe is idle (nothing queued,
     * nothing running): for a transport's receive thread, which hands on its messages in arrival order, so that a
     * message finding its call's stripe idle costs no hand-over to the stripe's thread (and for the registrar's
     * location writer, whose durable REGISTERs' answers are such messages). The task must not block, as any stripe
     * task must not.
     */
    public boolean executeHereIfIdle(String key, Runnable task) {
        // datagrams wait for the receive thread: it only receives and parses, the stripes' threads run the tasks
        if (ReceiveBacklog.behind()) return execute(key, task);
        Stripe stripe = stripes[Math.floorMod(key == null ? 0 : key.hashCode(), stripes.length)];
        Stripe.Outcome outcome = stripe.runHereOrOffer(task);
        if (outcome == Stripe.Outcome.RAN_HERE) {
            ranInPlace.increment();
            return true;
        }
        if (outcome == Stripe.Outcome.QUEUED) return true;
        rejected.incrementAndGet();
        return false;
    }

    /** Tasks a receive thread ran itself, its stripe being idle ({@link #executeHereIfIdle}). */
    public long ranInPlaceCount() {
        return ranInPlace.sum();
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
