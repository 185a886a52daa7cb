package org.tandem.pbx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A receive thread runs a message's task itself when its stripe is idle ({@link SerialExecutors#executeHereIfIdle}),
 * and must then keep every guarantee of the stripes: one task at a time per stripe, a producer's tasks in its order,
 * nothing queued before overtaken.
 */
class RunHereIfIdleTest {

    @Test
    void anIdleStripesTaskRunsOnTheCallingThread() {
        try (SerialExecutors stripes = new SerialExecutors("test-here", 1, 10)) {
            List<Thread> ranOn = new ArrayList<>();
            assertThat(stripes.executeHereIfIdle("k", () -> ranOn.add(Thread.currentThread())))
                    .isTrue();
            assertThat(ranOn).containsExactly(Thread.currentThread());
        }
    }

    @Test
    void aReceiveThreadWithDatagramsWaitingHandsTheTaskOver() throws Exception {
        try (SerialExecutors stripes = new SerialExecutors("test-backlog", 1, 10)) {
            List<Thread> ranOn = new CopyOnWriteArrayList<>();
            CountDownLatch handedOver = new CountDownLatch(1);
            // datagrams waiting: 2 µs to copy each; a few in a row are a burst, from BEHIND_IN_A_ROW on a backlog
            for (int i = 0; i < ReceiveBacklog.BEHIND_IN_A_ROW; i++) ReceiveBacklog.received(2_000);
            assertThat(stripes.executeHereIfIdle("k", () -> {
                        ranOn.add(Thread.currentThread());
                        handedOver.countDown();
                    }))
                    .isTrue();
            assertThat(handedOver.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ranOn).doesNotContain(Thread.currentThread());
            assertThat(stripes.ranInPlaceCount()).isZero();

            ReceiveBacklog.received(800_000); // waited 0.8 ms for it: keeping up
            // then a burst: a pair sent back to back (a 180 and its 200) and a third in the same tick of a load
            // generator's clock; at 300 REGISTERs a second a third of them came so (session 66)
            ReceiveBacklog.received(2_000);
            ReceiveBacklog.received(2_000);
            ReceiveBacklog.received(2_000);
            SerialExecutorsTest.awaitParked("test-backlog-0"); // the stripe idle again
            assertThat(stripes.executeHereIfIdle("k", () -> ranOn.add(Thread.currentThread())))
                    .isTrue();
            assertThat(ranOn).last().isEqualTo(Thread.currentThread());
            assertThat(stripes.ranInPlaceCount()).isEqualTo(1);
        } finally {
            ReceiveBacklog.received(Long.MAX_VALUE);
        }
    }

    @Test
    void aTaskForABusyStripeWaitsBehindWhatWasQueuedBeforeIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        try (SerialExecutors stripes = new SerialExecutors("test-busy", 1, 10)) {
            stripes.execute("k", () -> {
                running.countDown();
                awaitQuietly(release);
                order.add("running");
            });
            running.await();
            stripes.execute("k", () -> order.add("queued"));
            assertThat(stripes.executeHereIfIdle("k", () -> {
                        order.add("received");
                        ranOn.add(Thread.currentThread());
                    }))
                    .isTrue();
            assertThat(order)
                    .as("nothing ran on the caller while the stripe was busy")
                    .isEmpty();
            release.countDown();
            CountDownLatch after = new CountDownLatch(1);
            stripes.execute("k", after::countDown);
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).containsExactly("running", "queued", "received");
        assertThat(ranOn).doesNotContain(Thread.currentThread());
    }

    @Test
    void tasksQueuedWhileAReceiveThreadRunsOneAreRunAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch timerRan = new CountDownLatch(1);
        try (SerialExecutors stripes = new SerialExecutors("test-owned", 1, 10)) {
            Thread receive = new Thread(() -> stripes.executeHereIfIdle("k", () -> {
                running.countDown();
                awaitQuietly(release);
                order.add("received");
            }));
            receive.start();
            running.await();
            // a timer's task for the same call while the receive thread runs one: it waits, then the stripe runs it
            stripes.execute("k", () -> {
                order.add("timer");
                timerRan.countDown();
            });
            assertThat(timerRan.await(200, TimeUnit.MILLISECONDS)).isFalse();
            release.countDown();
            assertThat(timerRan.await(5, TimeUnit.SECONDS)).isTrue();
            receive.join();
        }
        assertThat(order).containsExactly("received", "timer");
    }

    @Test
    void receiveAndTimerThreadsTogetherKeepEachOnesOrderAndNeverOverlap() throws Exception {
        int perProducer = 20_000;
        List<Integer> received = new ArrayList<>(); // no lock: only the stripe's owner touches them
        List<Integer> timed = new ArrayList<>();
        AtomicBoolean busy = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger inPlace = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(2 * perProducer);
        try (SerialExecutors stripes = new SerialExecutors("test-mixed", 2, 2 * perProducer)) {
            Thread receive = new Thread(() -> {
                Thread me = Thread.currentThread();
                for (int i = 0; i < perProducer; i++) {
                    int n = i;
                    assertThat(stripes.executeHereIfIdle("call-1@example.com", () -> {
                                if (!busy.compareAndSet(false, true)) overlaps.incrementAndGet();
                                if (Thread.currentThread() == me) inPlace.incrementAndGet();
                                received.add(n);
                                busy.set(false);
                                done.countDown();
                            }))
                            .isTrue();
                    if (n % 500 == 0) Thread.yield();
                }
            });
            Thread timer = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int n = i;
                    assertThat(stripes.execute("call-1@example.com", () -> {
                                if (!busy.compareAndSet(false, true)) overlaps.incrementAndGet();
                                timed.add(n);
                                busy.set(false);
                                done.countDown();
                            }))
                            .isTrue();
                    if (n % 700 == 0) Thread.yield();
                }
            });
            receive.start();
            timer.start();
            receive.join();
            timer.join();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(inPlace.get()).as("some ran on the receive thread").isPositive();
        assertThat(received).hasSize(perProducer);
        assertThat(timed).hasSize(perProducer);
        for (int i = 0; i < perProducer; i++) {
            assertThat(received.get(i)).isEqualTo(i);
            assertThat(timed.get(i)).isEqualTo(i);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
