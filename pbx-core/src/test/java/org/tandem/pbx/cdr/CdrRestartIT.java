package org.tandem.pbx.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.testsupport.PbxTestContext;

/** Call records survive a stop: queued events are written, calls in progress are closed at the next start. */
class CdrRestartIT {

    @TempDir
    Path data;

    static CallStarted started(String id, Instant at) {
        return new CallStarted(id, at, "401", "401", null, "402", CallDirection.INTERNAL, null, null, null);
    }

    @Test
    void callsInProgressAreClosedAtTheNextStartAtTheirLastSignOfLife() {
        Instant t = Instant.now();
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of("tandem.cdr.heartbeat", "100ms"))) {
            pbx.bean(CallEvents.class).publish(started("talking", t));
            pbx.bean(CallEvents.class).publish(new CallAnswered("talking", t.plusMillis(10), "402"));
            pbx.bean(CallEvents.class).publish(started("ringing", t));
            JdbcClient jdbc = pbx.bean(JdbcClient.class);
            // the heartbeat notes the calls alive while they last
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM cdr WHERE last_seen_ms >= ? AND end_ms IS NULL")
                                    .param(t.plusMillis(1500).toEpochMilli())
                                    .query(Long.class)
                                    .single()
                            == 2);
        }
        try (PbxTestContext again = PbxTestContext.start(data)) {
            CallRecords records = again.bean(CallRecords.class);
            CallRecord talking = records.find("talking").orElseThrow();
            CallRecord ringing = records.find("ringing").orElseThrow();

            assertThat(talking.closedAtRestart()).isTrue();
            assertThat(talking.disposition()).isEqualTo(Disposition.ANSWERED);
            assertThat(talking.hangupSide()).isEqualTo(HangupSide.SYSTEM);
            assertThat(talking.endedAt()).isAfterOrEqualTo(t.plusMillis(1500)).isBefore(Instant.now());
            assertThat(talking.billableSeconds()).isGreaterThanOrEqualTo(1);
            assertThat(ringing.closedAtRestart()).isTrue();
            assertThat(ringing.disposition()).isEqualTo(Disposition.FAILED);
            assertThat(records.search(CdrFilter.all().withExtension("401")).total())
                    .isEqualTo(2);
        }
    }

    @Test
    void eventsStillQueuedAtAGracefulStopAreWritten() {
        int calls = 300;
        Instant t = Instant.parse("2026-04-01T09:00:00Z");
        try (PbxTestContext pbx = PbxTestContext.start(data)) {
            for (int i = 0; i < calls; i++) {
                pbx.bean(CallEvents.class).publish(started("q-" + i, t.plusMillis(i)));
                pbx.bean(CallEvents.class)
                        .publish(new CallEnded(
                                "q-" + i, t.plusMillis(i + 500), Disposition.NO_ANSWER, 408, HangupSide.SYSTEM));
            }
        } // closes at once: whatever is still queued must be written now
        try (PbxTestContext again = PbxTestContext.start(data)) {
            CdrPage all = again.bean(CallRecords.class)
                    .search(CdrFilter.all().withExtension("402").withPage(0, CdrFilter.MAX_SIZE));
            assertThat(all.total()).isEqualTo(calls);
            assertThat(all.items()).allSatisfy(r -> {
                assertThat(r.closedAtRestart()).isFalse();
                assertThat(r.disposition()).isEqualTo(Disposition.NO_ANSWER);
            });
        }
    }
}
