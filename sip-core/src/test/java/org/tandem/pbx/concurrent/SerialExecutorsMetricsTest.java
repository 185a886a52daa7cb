package org.tandem.pbx.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A full Call-ID stripe's refusals and its waiting tasks are on the metrics endpoint. */
class SerialExecutorsMetricsTest {

    @Test
    void queuedAndRefusedTasksArePublished() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (SerialExecutors stripes = new SerialExecutors("test-call", 1, 1)) {
            new SerialExecutorsMetrics("sip-call", stripes).bindTo(registry);
            assertThat(stripes.execute("a@example.com", () -> {
                        running.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }))
                    .isTrue();
            running.await();
            assertThat(stripes.execute("a@example.com", () -> {})).isTrue();
            assertThat(stripes.execute("a@example.com", () -> {}))
                    .as("the stripe's one queue slot is taken")
                    .isFalse();

            assertThat(registry.get("tandem.sip.stripes.queued")
                            .tag("pool", "sip-call")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(registry.get("tandem.sip.stripes.threads")
                            .tag("pool", "sip-call")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(registry.get("tandem.sip.stripes.rejected")
                            .tag("pool", "sip-call")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            release.countDown();
        }
    }

    @Test
    void messagesRunByTheirReceiveThreadAreCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SerialExecutors stripes = new SerialExecutors("test-in-place", 1, 10)) {
            new SerialExecutorsMetrics("sip-call", stripes).bindTo(registry);
            assertThat(stripes.executeHereIfIdle("a@example.com", () -> {})).isTrue();
            assertThat(stripes.executeHereIfIdle("b@example.com", () -> {})).isTrue();
            assertThat(registry.get("tandem.sip.stripes.in.place")
                            .tag("pool", "sip-call")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
        }
    }
}
