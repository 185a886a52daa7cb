package org.tandem.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.tandem.appliance.health.SipDispatchHealthIndicatorTest.ManualClock;
import org.tandem.pbx.concurrent.Workers;

class WorkersHealthIndicatorTest {

    private final Workers workers = Workers.unmeasured();
    private final ThreadPoolExecutor pool = workers.single("audit-io", 1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ManualClock clock = new ManualClock();

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    @Test
    void downForAMinuteAfterAPoolRefusedWorkNamingThePool() throws Exception {
        WorkersHealthIndicator indicator = new WorkersHealthIndicator(workers, clock);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

        CountDownLatch running = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        pool.execute(() -> {}); // waits in the one-slot queue
        assertThatThrownBy(() -> pool.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("audit-io is full");

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.health().getDetails()).containsEntry("rejected", Map.of("audit-io", 1L));
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aPoolThatIsShutDownIsNotOverloaded() {
        WorkersHealthIndicator indicator = new WorkersHealthIndicator(workers, clock);
        pool.shutdown();
        assertThatThrownBy(() -> pool.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(workers.totalRejected()).isZero();
    }
}
