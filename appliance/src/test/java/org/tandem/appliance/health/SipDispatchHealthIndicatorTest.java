package org.tandem.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.tandem.pbx.concurrent.SerialExecutors;

class SipDispatchHealthIndicatorTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-22T04:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SerialExecutors stripes = new SerialExecutors("test-stripe", 1, 1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ManualClock clock = new ManualClock();

    @AfterEach
    void stop() {
        release.countDown();
        stripes.close();
    }

    /** Blocks the only stripe, fills its one-slot queue, then gets one task rejected. */
    private void overload() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        stripes.execute("call-1", () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await();
        assertThat(stripes.execute("call-1", () -> {})).isTrue();
        assertThat(stripes.execute("call-1", () -> {})).isFalse();
    }

    @Test
    void upWhileNothingIsRejected() {
        SipDispatchHealthIndicator indicator = new SipDispatchHealthIndicator(stripes, clock);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhenStripesRejectWorkThenUpAgainAfterAQuietMinute() throws Exception {
        SipDispatchHealthIndicator indicator = new SipDispatchHealthIndicator(stripes, clock);
        overload();

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        clock.now = clock.now.plus(Duration.ofSeconds(30));
        assertThat(indicator.health().getStatus()).as("still recent").isEqualTo(Status.DOWN);
        clock.now = clock.now.plus(Duration.ofSeconds(31));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("rejected", 1L);
    }

    @Test
    void rejectionsBeforeStartAreHistory() throws Exception {
        overload();

        SipDispatchHealthIndicator indicator = new SipDispatchHealthIndicator(stripes, clock);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
