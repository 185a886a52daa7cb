package org.tandem.pbx.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Call-ID stripe: a thread that runs its tasks one at a time in the order they were handed over, fed by a bounded
 * multi-producer single-consumer queue. Handing a task over is a swap of the queue's tail and a count; the thread is
 * only unparked when it waits for work, and takes the task without a lock once woken (issue 23: each of a call's eight
 * messages is handed over this way; the ThreadPoolExecutor before took a lock and a condition queue on both sides, and
 * the woken thread had to win the lock again).
 *
 * <p>A task queued is counted until the thread takes it (the running task is not): the capacity bounds what waits, as
 * the executor's queue did. The queue is Vyukov's MPSC list: a producer swaps itself in as the tail, then links the
 * old tail to itself; the consumer follows the links from a stub head. A producer preempted between the two steps
 * leaves the link missing for a moment: the consumer then waits for it (it is the next task in arrival order, so
 * nothing may overtake it).
 *
 * <p>A receive thread may run a task itself when the stripe is idle ({@link #runHereOrOffer}): nothing queued and no
 * task running. Whoever runs the stripe's tasks (its thread, or a receive thread for one task) first owns the stripe;
 * its thread owns it before it takes a task, so a task taken but not yet run still counts as running, and a message
 * run in place never overtakes one queued before it. Most messages of a call arrive when their stripe is idle: run in
 * place they cost no hand-over (issue 23: the park and unpark of a stripe thread per message were ~11 % of a call's
 * CPU).
 */
final class Stripe implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Stripe.class);

    private static final VarHandle NEXT;
    private static final VarHandle TAIL;
    private static final VarHandle WAITING;
    private static final VarHandle OWNED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            TAIL = lookup.findVarHandle(Stripe.class, "tail", Node.class);
            WAITING = lookup.findVarHandle(Stripe.class, "waiting", boolean.class);
            OWNED = lookup.findVarHandle(Stripe.class, "owned", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A queued task; {@code next} is written once, by the producer that comes after it. */
    private static final class Node {
        Runnable task;

        @SuppressWarnings("unused") // through NEXT
        volatile Node next;

        Node(Runnable task) {
            this.task = task;
        }
    }

    private final String poolName;
    private final int capacity;
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    /** The consumer's end: a node whose task has been taken (or the initial stub). Consumer only. */
    private Node head = new Node(null);

    @SuppressWarnings("unused") // through TAIL
    private volatile Node tail = head;

    /** True while the thread is about to park or parked for want of work. */
    @SuppressWarnings("unused") // through WAITING
    private volatile boolean waiting;

    /** True while a thread runs (or is about to run) this stripe's tasks: its own thread or a receive thread. */
    @SuppressWarnings("unused") // through OWNED
    private volatile boolean owned;

    private volatile boolean closed;
    /** Set when close gave up waiting: what is still queued is dropped. */
    private volatile boolean abandoned;

    Stripe(String poolName, String threadName, int capacity) {
        this.poolName = poolName;
        this.capacity = capacity;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code task} behind those handed over before it; false when the queue is full or the stripe closed. */
    boolean offer(Runnable task) {
        if (closed) return false;
        if (queued.getAndIncrement() >= capacity) {
            queued.decrementAndGet();
            return false;
        }
        Node node = new Node(task);
        Node previous = (Node) TAIL.getAndSet(this, node);
        NEXT.setRelease(previous, node);
        // the consumer sets waiting before it looks at the queue a last time: either it sees this node, or this
        // sees waiting (both are full fences: the swap above and the volatile read below, the set in run)
        if (waiting && WAITING.compareAndSet(this, true, false)) LockSupport.unpark(thread);
        return true;
    }

    /**
     * Runs {@code task} on the calling thread if the stripe is idle (nothing queued, nothing running), else queues it
     * as {@link #offer} does. The caller must not hold a lock a task of this stripe could wait for.
     *
     * @return whether it ran here, was queued, or neither (queue full, stripe closed)
     */
    Outcome runHereOrOffer(Runnable task) {
        if (!closed && queued.get() == 0 && OWNED.compareAndSet(this, false, true)) {
            // owned: nothing runs; and what was queued before is still counted, so it is not overtaken
            boolean idle = queued.get() == 0;
            if (idle) runSafely(task);
            release();
            if (idle) return Outcome.RAN_HERE;
        }
        return offer(task) ? Outcome.QUEUED : Outcome.REFUSED;
    }

    enum Outcome {
        RAN_HERE,
        QUEUED,
        REFUSED
    }

    /** Gives the stripe up; wakes its thread if tasks came while it was owned. */
    private void release() {
        owned = false;
        // the thread sets waiting before it looks at owned a last time: either it sees this release, or this sees
        // waiting (volatile accesses: one total order)
        if (queued.get() > 0 && waiting && WAITING.compareAndSet(this, true, false)) LockSupport.unpark(thread);
    }

    int queued() {
        return queued.get();
    }

    @Override
    public void run() {
        while (!abandoned) {
            if (queued.get() > 0 && OWNED.compareAndSet(this, false, true)) {
                drain();
                release();
                continue;
            }
            if (closed && queued.get() == 0) return;
            waiting = true;
            if ((queued.get() > 0 && !owned) || closed) {
                // work came in the meantime, and no one runs it: no sleep
                waiting = false;
                if (closed && owned) Thread.yield(); // closing while a receive thread runs a task: it ends soon
                continue;
            }
            Thread.interrupted(); // a task's leftover interrupt must not turn park into a busy loop
            LockSupport.park(this);
            waiting = false;
        }
    }

    /** Runs what is queued, in arrival order, until nothing is; the stripe is owned. */
    private void drain() {
        while (!abandoned) {
            Runnable task = poll();
            if (task != null) {
                queued.decrementAndGet();
                runSafely(task);
            } else if (queued.get() > 0) {
                // a producer between its count and its link is waited for (rare: it was preempted there); it holds
                // the next task in arrival order
                Thread.yield();
            } else {
                return;
            }
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("Unhandled failure in {} task", poolName, e);
        }
    }

    /** The next task in arrival order, or null when none is linked yet. */
    private Runnable poll() {
        Node next = peekLink();
        if (next == null) return null;
        Runnable task = next.task;
        next.task = null; // the node becomes the stub: the task is not kept alive by the queue
        head = next;
        return task;
    }

    private Node peekLink() {
        return (Node) NEXT.getAcquire(head);
    }

    /** Stops taking tasks; what is queued still runs. */
    void shutdown() {
        closed = true;
        LockSupport.unpark(thread);
    }

    /** Waits until {@code deadlineNanos} (System.nanoTime) for the queued tasks, then drops them and interrupts. */
    void awaitTermination(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) TimeUnit.NANOSECONDS.timedJoin(thread, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            abandoned = true;
            thread.interrupt();
        }
    }
}
