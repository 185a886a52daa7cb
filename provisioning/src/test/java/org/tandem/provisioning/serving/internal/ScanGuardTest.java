package org.tandem.provisioning.serving.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScanGuardTest {

    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aPhoneAskingForItsOwnFilesAgainAndAgainIsAdmittedAScannerIsNot() {
        StepClock clock = new StepClock();
        ScanGuard guard = new ScanGuard(2, Duration.ofMinutes(10), clock);

        for (int i = 0; i < 50; i++)
            assertThat(guard.admit("10.0.0.5", "001565000001")).isTrue();
        assertThat(guard.admit("10.0.0.5", "001565000002")).isTrue();
        assertThat(guard.admit("10.0.0.5", "001565000003")).isFalse();
        assertThat(guard.admit("10.0.0.5", "001565000001"))
                .as("a MAC it already asked for")
                .isTrue();
        assertThat(guard.admit("10.0.0.6", "001565000003")).as("another source").isTrue();

        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(guard.admit("10.0.0.5", "001565000003"))
                .as("after the window")
                .isTrue();
    }
}
