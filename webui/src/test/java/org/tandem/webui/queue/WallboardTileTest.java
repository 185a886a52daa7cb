package org.tandem.webui.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.queue.AgentState;
import org.tandem.pbx.queue.QueueFigures;
import org.tandem.pbx.queue.QueueStatus;

/** A queue's wallboard figures: agents counted as available, busy or paused; the waits as a clock. */
class WallboardTileTest {

    @Test
    void agentsAreAvailableBusyOrPausedAndTheRestAreNotCounted() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        QueueStatus status = new QueueStatus(
                "700",
                List.of(
                        new QueueStatus.WaitingCaller(1, "201", null, now.minusSeconds(125)),
                        new QueueStatus.WaitingCaller(2, "202", null, now.minusSeconds(5))),
                List.of(
                        new QueueStatus.Agent("101", AgentState.IDLE),
                        new QueueStatus.Agent("102", AgentState.RINGING),
                        new QueueStatus.Agent("103", AgentState.IN_QUEUE_CALL),
                        new QueueStatus.Agent("104", AgentState.WRAP_UP),
                        new QueueStatus.Agent("105", AgentState.BUSY),
                        new QueueStatus.Agent("106", AgentState.PAUSED, "lunch", now),
                        new QueueStatus.Agent("107", AgentState.DND),
                        new QueueStatus.Agent("108", AgentState.UNAVAILABLE)));
        QueueFigures today =
                new QueueFigures("700", LocalDate.of(2026, 11, 25), 9, 6, 2, 0, 1, 10, 66.7, 20, List.of());
        WallboardTile t = WallboardTile.of("Support", status, today, now);
        assertThat(t.waiting()).isEqualTo(2);
        assertThat(t.longestWaitSeconds()).isEqualTo(125);
        assertThat(t.available()).isEqualTo(1);
        assertThat(t.busy()).isEqualTo(4);
        assertThat(t.paused()).isEqualTo(1);
        assertThat(t.answered()).isEqualTo(6);
        assertThat(t.abandoned()).isEqualTo(2);
        assertThat(WallboardTile.percent(t.serviceLevelPercent())).isEqualTo("67%");
    }

    @Test
    void waitsAreShownAsAClock() {
        assertThat(WallboardTile.clock(0)).isEqualTo("0:00");
        assertThat(WallboardTile.clock(125)).isEqualTo("2:05");
        assertThat(WallboardTile.clock(3725)).isEqualTo("1:02:05");
    }
}
