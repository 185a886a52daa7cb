package org.tandem.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.tandem.appliance.health.SipDispatchHealthIndicatorTest.ManualClock;
import org.tandem.pbx.cdr.CdrWriterStatus;

/** Red while call records are being dropped or failing, green again a window after the last loss. */
class CdrWriterHealthIndicatorTest {

    static final class Counts implements CdrWriterStatus {
        long rejected;
        long failed;

        @Override
        public int queued() {
            return 3;
        }

        @Override
        public long rejectedCount() {
            return rejected;
        }

        @Override
        public long failedCount() {
            return failed;
        }
    }

    final Counts counts = new Counts();
    final ManualClock clock = new ManualClock();

    @Test
    void lossesBeforeStartAreHistory() {
        counts.rejected = 5;
        assertThat(new CdrWriterHealthIndicator(counts, clock).health().getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void aDroppedOrFailedEventTurnsItRedForAWindow() {
        CdrWriterHealthIndicator health = new CdrWriterHealthIndicator(counts, clock);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        counts.rejected++;
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("rejected", 1L).containsKey("reason");

        clock.now = clock.now.plus(CdrWriterHealthIndicator.WINDOW).plus(Duration.ofSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        counts.failed++;
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
