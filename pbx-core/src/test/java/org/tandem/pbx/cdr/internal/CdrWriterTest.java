package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The writer batches, sheds load without blocking, isolates a bad event, and drains on close. */
class CdrWriterTest {

    final List<List<Object>> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger beats = new AtomicInteger();
    CdrWriter writer;

    @AfterEach
    void close() {
        if (writer != null) writer.close();
    }

    @Test
    void eventsQueuedBehindARunningBatchAreWrittenTogether() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        writer = new CdrWriter(
                100,
                events -> {
                    if (events.contains("first")) hold(release);
                    batches.add(List.copyOf(events));
                },
                beats::incrementAndGet,
                Duration.ofHours(1));

        assertThat(writer.offer("first")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == 0); // "first" is being written
        for (int i = 0; i < 10; i++) assertThat(writer.offer("e" + i)).isTrue();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 2);
        assertThat(batches.get(1)).hasSize(10);
        assertThat(writer.commitCount()).isEqualTo(2);
    }

    @Test
    void withACommitWindowEventsArrivingWithinItShareOneCommit() {
        writer = new CdrWriter(
                100,
                events -> batches.add(List.copyOf(events)),
                beats::incrementAndGet,
                Duration.ofHours(1),
                Duration.ofMillis(300));
        for (int i = 0; i < 20; i++) assertThat(writer.offer("e" + i)).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(20).startsWith("e0").endsWith("e19");
        assertThat(writer.commitCount()).isEqualTo(1);
    }

    @Test
    void aFullBatchDoesNotWaitForTheWindowAndCloseWritesWhatTheWindowHeld() {
        writer = new CdrWriter(
                1000,
                events -> batches.add(List.copyOf(events)),
                beats::incrementAndGet,
                Duration.ofHours(1),
                Duration.ofHours(1));
        for (int i = 0; i < CdrWriter.MAX_BATCH; i++) writer.offer(i);

        // the first offer scheduled a drain an hour ahead; a full batch is written without waiting for it
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() == 1);
        assertThat(batches.get(0)).hasSize(CdrWriter.MAX_BATCH);
        writer.offer("waits for the window");
        writer.close(); // writes what the window still held

        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactly("waits for the window");
        assertThat(writer.failedCount()).isZero();
    }

    @Test
    void aFullQueueRejectsAtOnceAndCounts() {
        CountDownLatch release = new CountDownLatch(1);
        writer = new CdrWriter(2, events -> hold(release), beats::incrementAndGet, Duration.ofHours(1));
        writer.offer("running");
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == 0);
        assertThat(writer.offer("a")).isTrue();
        assertThat(writer.offer("b")).isTrue();

        long start = System.nanoTime();
        assertThat(writer.offer("c")).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(writer.rejectedCount()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void aBadEventFailsAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> written = new CopyOnWriteArrayList<>();
        writer = new CdrWriter(
                100,
                events -> {
                    if (events.contains("first")) hold(release);
                    if (events.contains("bad")) throw new IllegalStateException("constraint violated");
                    written.addAll(events);
                },
                beats::incrementAndGet,
                Duration.ofHours(1));
        writer.offer("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == 0);
        writer.offer("a");
        writer.offer("bad");
        writer.offer("b");
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 3);
        assertThat(written).containsExactly("first", "a", "b");
        assertThat(writer.failedCount()).isEqualTo(1);
    }

    @Test
    void closeWritesWhatIsQueuedAndBeatsOnceMore() {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> written = new CopyOnWriteArrayList<>();
        writer = new CdrWriter(
                1000,
                events -> {
                    if (events.contains("first")) hold(release);
                    written.addAll(events);
                },
                beats::incrementAndGet,
                Duration.ofHours(1));
        writer.offer("first");
        for (int i = 0; i < 500; i++) writer.offer(i);
        release.countDown();

        writer.close();

        assertThat(written).hasSize(501);
        assertThat(beats.get()).isEqualTo(1);
        assertThat(writer.offer("late")).as("closed").isFalse();
    }

    @Test
    void theHeartbeatRunsOnItsInterval() {
        writer = new CdrWriter(10, events -> {}, beats::incrementAndGet, Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> beats.get() >= 3);
    }

    @Test
    void whileTheDatabaseIsAwayEventsAreKeptAndWrittenInOrderWhenItIsBack() {
        AtomicInteger outages = new AtomicInteger(3);
        List<Object> written = new CopyOnWriteArrayList<>();
        writer = new CdrWriter(
                100,
                events -> {
                    if (outages.getAndDecrement() > 0)
                        throw new DataAccessResourceFailureException("connection refused");
                    written.addAll(events);
                },
                beats::incrementAndGet,
                Duration.ofHours(1));
        for (int i = 0; i < 5; i++) writer.offer(i);

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 5);
        assertThat(written).containsExactly(0, 1, 2, 3, 4);
        assertThat(writer.failedCount()).isZero();
        assertThat(writer.queued()).isZero();
        writer.offer(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 6);
    }

    @Test
    void eventsStillHeldAtCloseAreCountedLost() {
        writer = new CdrWriter(
                100,
                events -> {
                    throw new CannotGetJdbcConnectionException("pool exhausted");
                },
                beats::incrementAndGet,
                Duration.ofHours(1));
        writer.offer("a");
        writer.offer("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == 2 && writer.commitCount() == 0);

        writer.close();

        assertThat(writer.failedCount()).isEqualTo(2);
        assertThat(writer.queued()).isZero();
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
