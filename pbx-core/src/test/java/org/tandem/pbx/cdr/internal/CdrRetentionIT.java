package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * {@code tandem.cdr.keep-days}: records of calls that ended and started before the retention go, with their offers
 * and queue visits, in batches; recent calls and calls still in progress stay.
 */
class CdrRetentionIT {

    /** The records reach the table soon after their events (this class reads the table, not the journal). */
    static final String FLUSH = "100ms";

    @TempDir
    Path data;

    @Test
    void recordsOlderThanTheRetentionAreDeletedWithTheirOffersAndQueueVisitsAndNothingElse() {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        int oldCalls = CdrRetention.BATCH + 20; // more than one batch
        try (PbxTestContext pbx = PbxTestContext.start(
                data, Map.of("tandem.cdr.keep-days", "30", "tandem.cdr.journal-flush-interval", FLUSH))) {
            CallEvents events = pbx.bean(CallEvents.class);
            for (int i = 0; i < oldCalls; i++) call(events, "old-" + i, old.plusSeconds(i), true);
            call(events, "old-but-in-progress", old, false);
            call(events, "recent", now.minus(Duration.ofDays(29)), true);
            JdbcClient jdbc = pbx.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(jdbc, "cdr") == oldCalls + 2);
            jdbc.sql("INSERT INTO cdr_queue_visit (call_id, seq, queue_number, outcome, wait_ms, agent) "
                            + "VALUES ('old-1', 0, '600', 'ANSWERED', 5000, '401'), "
                            + "('recent', 0, '600', 'ANSWERED', 3000, '402')")
                    .update();
            assertThat(count(jdbc, "cdr_offer")).isEqualTo(oldCalls + 2);

            int deleted = pbx.bean(CdrRetention.class).deleteAll();

            assertThat(deleted).isEqualTo(oldCalls);
            assertThat(jdbc.sql("SELECT call_id FROM cdr ORDER BY call_id")
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of("old-but-in-progress", "recent"));
            assertThat(jdbc.sql("SELECT call_id FROM cdr_offer ORDER BY call_id")
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of("old-but-in-progress", "recent"));
            assertThat(jdbc.sql("SELECT call_id FROM cdr_queue_visit")
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of("recent"));
            assertThat(pbx.bean(CallRecords.class).find("recent")).isPresent();
            assertThat(pbx.bean(CdrRetention.class).deleteAll()).isZero(); // nothing left to do
        }
    }

    @Test
    void byDefaultRecordsAreKeptForEver() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3650));
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of("tandem.cdr.journal-flush-interval", FLUSH))) {
            call(pbx.bean(CallEvents.class), "ten-years-ago", longAgo, true);
            JdbcClient jdbc = pbx.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(jdbc, "cdr") == 1);

            assertThat(pbx.bean(CdrRetention.class).deleteAll()).isZero();
            assertThat(count(jdbc, "cdr")).isEqualTo(1);
        }
    }

    private static void call(CallEvents events, String id, Instant start, boolean ended) {
        events.publish(new CallStarted(id, start, "401", "401", null, "402", CallDirection.INTERNAL, null, null, null));
        if (ended) {
            events.publish(new CallEnded(id, start.plusSeconds(30), Disposition.NO_ANSWER, 408, HangupSide.SYSTEM));
        }
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
