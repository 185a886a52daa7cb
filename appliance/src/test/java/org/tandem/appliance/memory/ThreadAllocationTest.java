package org.tandem.appliance.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ThreadAllocationTest {

    static final long MB = 1 << 20;

    /** Where the allocating thread leaves its arrays, so that the JIT cannot leave them out. */
    static volatile byte[] kept;

    static long spun;

    final LongSupplier allocated = ThreadAllocation.ofThisJvm().orElseThrow();

    @Test
    void aThreadMetForTheFirstTimeIsCountedWholeAndItsEndTakesNothingBack() throws InterruptedException {
        long before = allocated.getAsLong();
        CountDownLatch allocatedAll = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            for (int i = 0; i < 64; i++) kept = new byte[(int) MB];
            allocatedAll.countDown();
            try {
                end.await(); // alive, and so counted, until the read below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        assertThat(allocatedAll.await(30, TimeUnit.SECONDS)).isTrue();
        long withWorker = allocated.getAsLong();
        end.countDown();
        worker.join();
        long afterWorkerEnded = allocated.getAsLong();

        assertThat(withWorker - before)
                .as("64 arrays of 1 MB by a thread met for the first time")
                .isGreaterThanOrEqualTo(64 * MB);
        assertThat(afterWorkerEnded).as("an ended thread takes nothing back").isGreaterThanOrEqualTo(withWorker);
    }

    @Test
    void cpuWithoutAllocationIsNotCounted() throws InterruptedException {
        long before = allocated.getAsLong();
        Thread spinner = new Thread(() -> {
            long x = 1;
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 10_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
            }
            spun = x;
        });
        spinner.start();
        long during = allocated.getAsLong();
        spinner.join();
        long after = allocated.getAsLong();

        // 300 ms of a core: what an idle appliance costs a host where memory left alone is slow to touch (session 49)
        assertThat(after - before)
                .as("a busy core that allocates nothing (the test's own threads allocate a little)")
                .isLessThan(4 * MB);
        assertThat(during).isBetween(before, after);
    }
}
