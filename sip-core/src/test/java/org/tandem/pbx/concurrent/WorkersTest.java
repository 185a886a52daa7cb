package org.tandem.pbx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Workers workers = new Workers(registry);

    @Test
    void poolsRunOnNamedDaemonThreadsAndArePublished() throws Exception {
        ThreadPoolExecutor pool = workers.single("quality-io", 10);
        ScheduledThreadPoolExecutor timer = workers.timer("presence-timer");
        try {
            AtomicReference<Thread> ran = new AtomicReference<>();
            pool.submit(() -> ran.set(Thread.currentThread())).get(5, TimeUnit.SECONDS);
            assertThat(ran.get().getName()).startsWith("quality-io-");
            assertThat(ran.get().isDaemon()).isTrue();
            assertThat(timer.schedule(() -> Thread.currentThread().getName(), 1, TimeUnit.MILLISECONDS)
                            .get(5, TimeUnit.SECONDS))
                    .startsWith("presence-timer-");
            assertThat(registry.find("executor.queue.remaining")
                            .tag("name", "quality-io")
                            .gauge())
                    .isNotNull();
            assertThat(registry.find("executor.completed")
                            .tag("name", "presence-timer")
                            .functionCounter())
                    .isNotNull();
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }

    @Test
    void aFullPoolRefusesAtOnceAndCountsIt() throws Exception {
        ThreadPoolExecutor restore = workers.single("restore", 0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try {
            restore.execute(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            running.await();
            assertThatThrownBy(() -> restore.execute(() -> {}))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessage("worker pool restore is full (0 tasks waiting)");
            assertThat(workers.rejections()).containsEntry("restore", 1L);
            assertThat(registry.get("tandem.worker.rejected")
                            .tag("pool", "restore")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        } finally {
            release.countDown();
            restore.shutdownNow();
        }
    }
}
