package org.tandem.pbx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Call-ID stripes' guarantees: one key's tasks serial and in arrival order, a bounded queue, a stripe survives. */
class SerialExecutorsTest {

    @Test
    void tasksOfOneKeyRunInTheOrderTheyWereHandedOverWhateverTheProducers() throws Exception {
        int producers = 4;
        int perProducer = 20_000;
        ConcurrentHashMap<String, List<Integer>> seen = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, AtomicBoolean> busy = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        try (SerialExecutors stripes = new SerialExecutors("test-order", 3, producers * perProducer)) {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                String key = "call-" + p + "@example.com"; // one producer per key: its order is the arrival order
                seen.put(key, new ArrayList<>());
                busy.put(key, new AtomicBoolean());
                Thread t = new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int n = i;
                        assertThat(stripes.execute(key, () -> {
                                    if (!busy.get(key).compareAndSet(false, true)) overlaps.incrementAndGet();
                                    seen.get(key).add(n); // no lock: only this key's stripe touches the list
                                    busy.get(key).set(false);
                                    done.countDown();
                                }))
                                .isTrue();
                        if (n % 1000 == 0) Thread.yield(); // let the stripes run dry and park now and then
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(overlaps).hasValue(0);
        for (List<Integer> order : seen.values()) {
            assertThat(order).hasSize(perProducer);
            for (int i = 0; i < perProducer; i++) assertThat(order.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aWaitingStripeIsWokenForEachTaskHandedOver() throws Exception {
        try (SerialExecutors stripes = new SerialExecutors("test-wake", 1, 10)) {
            for (int i = 0; i < 200; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                assertThat(stripes.execute("k", ran::countDown)).isTrue();
                assertThat(ran.await(5, TimeUnit.SECONDS)).as("task %d", i).isTrue();
                if (i % 20 == 0) awaitParked("test-wake-0"); // the stripe parks in between
            }
        }
    }

    @Test
    void aFullStripeRefusesAndCountsTheRefusal() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (SerialExecutors stripes = new SerialExecutors("test-full", 1, 2)) {
            stripes.execute("k", () -> {
                running.countDown();
                awaitQuietly(release);
            });
            running.await();
            assertThat(stripes.execute("k", () -> {})).isTrue();
            assertThat(stripes.execute("k", () -> {})).isTrue();
            assertThat(stripes.execute("k", () -> {})).isFalse();
            assertThat(stripes.queuedTasks()).isEqualTo(2);
            assertThat(stripes.rejectedCount()).isEqualTo(1);
            release.countDown();
            CountDownLatch after = new CountDownLatch(1);
            while (!stripes.execute("k", after::countDown)) Thread.onSpinWait();
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stripes.queuedTasks()).isZero();
        }
    }

    @Test
    void aFailingOrInterruptedTaskDoesNotStopTheStripe() throws Exception {
        try (SerialExecutors stripes = new SerialExecutors("test-fail", 1, 10)) {
            stripes.execute("k", () -> {
                throw new IllegalStateException("expected by the test");
            });
            stripes.execute("k", () -> Thread.currentThread().interrupt());
            awaitParked("test-fail-0");
            CountDownLatch ran = new CountDownLatch(1);
            long cpuBefore = stripeCpu();
            stripes.execute("k", ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            // parked, and staying parked for 200 ms: the window in which a busy loop would burn its CPU
            await().during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> stripeThread("test-fail-0").getState() == Thread.State.WAITING);
            assertThat(stripeCpu() - cpuBefore)
                    .as("the stripe sleeps while it has no work, interrupt or not")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    @Test
    void closeRunsWhatIsQueuedThenRefuses() {
        AtomicInteger ran = new AtomicInteger();
        SerialExecutors stripes = new SerialExecutors("test-close", 2, 100);
        for (int i = 0; i < 50; i++) stripes.execute("k" + i, ran::incrementAndGet);
        stripes.close();
        assertThat(ran).hasValue(50);
        assertThat(stripes.execute("k", ran::incrementAndGet)).isFalse();
    }

    private static long stripeCpu() {
        Thread t = stripeThread("test-fail-0");
        return t == null ? 0 : ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
    }

    /** The stripe thread whose name starts with {@code prefix}, or null. */
    private static Thread stripeThread(String prefix) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) return t;
        }
        return null;
    }

    /** Waits until the stripe thread is parked for want of work. */
    static void awaitParked(String prefix) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Thread t = stripeThread(prefix);
            return t != null && t.getState() == Thread.State.WAITING;
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
