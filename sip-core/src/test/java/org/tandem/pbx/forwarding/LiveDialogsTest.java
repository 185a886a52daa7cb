package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 22, finding 3: our Record-Route only routes dialogs we know and that are alive. */
class LiveDialogsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final LiveDialogs live = new LiveDialogs(Duration.ofHours(12), clock);

    @Test
    void aDialogNeverRoutedIsNotAlive() {
        assertThat(live.isAlive("unknown", clock.instant())).isFalse();
        assertThat(live.isAlive("unknown", null)).isFalse();
    }

    @Test
    void aFailedCallsRecordRouteIsDeadAtOnceAndCannotBeRevived() {
        live.routed("c1");
        live.failed("c1"); // 486 to the caller
        assertThat(live.isAlive("c1", null)).isFalse();
        live.active("c1"); // an "in-dialog" request right after: must not revive it
        assertThat(live.isAlive("c1", null)).isFalse();
    }

    @Test
    void afterItsByeADialogLingersOnlyForWhatCrossesTheBye() {
        live.routed("c5");
        live.active("c5");
        live.ending("c5");
        live.active("c5"); // a request after the BYE does not prolong it
        assertThat(live.isAlive("c5", null)).isTrue();
        clock.advance(LiveDialogs.LINGER.plusSeconds(1));
        assertThat(live.isAlive("c5", null)).isFalse();
    }

    @Test
    void anAnsweredCallStaysAliveWhileUsedAndEndsWithItsBye() {
        live.routed("c2");
        live.active("c2"); // 200 OK
        clock.advance(Duration.ofHours(11));
        assertThat(live.isAlive("c2", null))
                .as("a long call without re-INVITEs")
                .isTrue();
        live.active("c2"); // a re-INVITE
        clock.advance(Duration.ofHours(11));
        assertThat(live.isAlive("c2", null)).isTrue();
        live.ending("c2"); // BYE
        clock.advance(LiveDialogs.LINGER.plusSeconds(1));
        assertThat(live.isAlive("c2", null)).isFalse();
    }

    @Test
    void anIdleDialogExpires() {
        live.routed("c3");
        live.active("c3");
        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(live.isAlive("c3", null)).isFalse();
    }

    @Test
    void aDialogRecordedBeforeARestartIsHonouredWhileItsTokenIsYoung() {
        Instant beforeRestart = clock.instant().minus(Duration.ofHours(1));
        assertThat(live.isAlive("old", beforeRestart)).isTrue();
        assertThat(live.isAlive("older", clock.instant().minus(Duration.ofHours(13))))
                .isFalse();
        assertThat(live.isAlive("forged-now", clock.instant()))
                .as("issued by this run: must be known")
                .isFalse();
    }

    @Test
    void aPendingCallIsAliveForItsSetupOnly() {
        live.routed("c4");
        clock.advance(LiveDialogs.SETUP.minusSeconds(1));
        assertThat(live.isAlive("c4", null)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(live.isAlive("c4", null)).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
