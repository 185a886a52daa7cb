package org.tandem.pbx.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvent;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * Call events published into the running PBX core end up as call records in the database (H2 here,
 * MariaDB as {@link CallRecordsMariaDbIT}) and read back through {@link CallRecords}. Each test uses its
 * own extensions and times, so the order of tests does not matter.
 */
class CallRecordsIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static CallRecords records;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        records = pbx.bean(CallRecords.class);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static void publish(CallEvent... events) {
        for (CallEvent e : events) pbx.bean(CallEvents.class).publish(e);
    }

    static CallRecord awaitEnded(String callId) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        records.find(callId).filter(r -> r.endedAt() != null).isPresent());
        return records.find(callId).orElseThrow();
    }

    static CallStarted internal(String id, Instant at, String from, String to) {
        return new CallStarted(id, at, from, from, "User " + from, to, CallDirection.INTERNAL, null, null, null);
    }

    static List<String> ids(CdrPage page) {
        return page.items().stream().map(CallRecord::callId).toList();
    }

    @Test
    void anAnsweredCallIsRecordedWithEveryDetail() {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        publish(
                new CallStarted(
                        "ans-1",
                        t,
                        null,
                        "+4930123456",
                        "Doe, Jane",
                        "201",
                        CallDirection.INBOUND,
                        "itsp",
                        "+4930999",
                        null),
                new CallRouted("ans-1", t.plusMillis(5), "ringgroup:600", "600", null),
                new CallRouted("ans-1", t.plusMillis(6), "extension:301", "600", null),
                new CallAnswered("ans-1", t.plusSeconds(4), "301"),
                new CallEnded("ans-1", t.plusSeconds(64), Disposition.ANSWERED, 200, HangupSide.CALLER));

        CallRecord r = awaitEnded("ans-1");

        assertThat(r.direction()).isEqualTo(CallDirection.INBOUND);
        assertThat(r.callerNumber()).isEqualTo("+4930123456");
        assertThat(r.callerName()).isEqualTo("Doe, Jane");
        assertThat(r.trunk()).isEqualTo("itsp");
        assertThat(r.did()).isEqualTo("+4930999");
        assertThat(r.ringGroup()).isEqualTo("600");
        assertThat(r.destination()).isEqualTo("extension:301");
        assertThat(r.answeredBy()).isEqualTo("301");
        assertThat(r.startedAt()).isEqualTo(t);
        assertThat(r.answeredAt()).isEqualTo(t.plusSeconds(4));
        assertThat(r.endedAt()).isEqualTo(t.plusSeconds(64));
        assertThat(r.billableSeconds()).isEqualTo(60);
        assertThat(r.disposition()).isEqualTo(Disposition.ANSWERED);
        assertThat(r.hangupSide()).isEqualTo(HangupSide.CALLER);
        assertThat(r.sipStatus()).isEqualTo(200);
        assertThat(r.closedAtRestart()).isFalse();
        assertThat(records.callLog("301", CdrFilter.all()).items())
                .extracting(CallRecord::callId)
                .contains("ans-1");
        assertThat(records.search(CdrFilter.all().withExtension("600")).items())
                .as("the ring group's calls")
                .extracting(CallRecord::callId)
                .containsExactly("ans-1");
    }

    @Test
    void outOfOrderAndRepeatedEventsMakeOneRow() {
        Instant t = Instant.parse("2026-01-06T10:00:00Z");
        publish(
                new CallEnded("ooo-1", t.plusSeconds(3), Disposition.CANCELLED, 487, HangupSide.CALLER),
                new CallEnded("ooo-1", t.plusSeconds(4), Disposition.FAILED, 500, HangupSide.SYSTEM),
                new CallTrunkUsed("ooo-1", t.plusSeconds(1), "itsp", "+4930123", 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> records.find("ooo-1").isPresent());
        publish(internal("ooo-1", t, "311", "312"), internal("ooo-1", t, "311", "312"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> records.find("ooo-1")
                        .map(r -> "311".equals(r.callerExtension()))
                        .orElse(false));
        CallRecord r = records.find("ooo-1").orElseThrow();
        assertThat(r.startedAt()).isEqualTo(t);
        assertThat(r.disposition()).isEqualTo(Disposition.CANCELLED);
        assertThat(r.sipStatus()).isEqualTo(487);
        assertThat(r.trunk()).isEqualTo("itsp");
        long rows = pbx.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM cdr WHERE call_id = 'ooo-1'")
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(1);
        assertThat(records.missedCalls("312", CdrFilter.all()).items())
                .extracting(CallRecord::callId)
                .containsExactly("ooo-1");
    }

    @Test
    void filtersPagesAndNewestFirst() {
        Instant t = Instant.parse("2026-02-01T09:00:00Z");
        List<String> expectedNewestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "flt-" + i;
            Instant at = t.plus(i, ChronoUnit.MINUTES);
            Disposition d = i % 2 == 0 ? Disposition.BUSY : Disposition.ANSWERED;
            publish(internal(id, at, "321", "322"));
            if (d == Disposition.ANSWERED) publish(new CallAnswered(id, at.plusSeconds(1), "322"));
            publish(new CallEnded(id, at.plusSeconds(10), d, d == Disposition.BUSY ? 486 : 200, HangupSide.CALLEE));
            expectedNewestFirst.add(0, id);
        }
        publish(
                new CallStarted(
                        "flt-out",
                        t.plusSeconds(30),
                        "321",
                        "321",
                        null,
                        "0049301234",
                        CallDirection.OUTBOUND,
                        null,
                        null,
                        null),
                new CallEnded("flt-out", t.plusSeconds(40), Disposition.FAILED, 503, HangupSide.SYSTEM));
        awaitEnded("flt-4");
        awaitEnded("flt-out");
        Instant end = t.plus(1, ChronoUnit.HOURS);

        CdrPage first = records.search(CdrFilter.parse(t.toString(), end.toString(), "322", null, null, "0", "2"));
        CdrPage third = records.search(CdrFilter.parse(t.toString(), end.toString(), "322", null, null, "2", "2"));
        CdrPage busy = records.search(CdrFilter.parse(t.toString(), end.toString(), null, "BUSY", null, null, null));
        CdrPage outbound =
                records.search(CdrFilter.parse(t.toString(), end.toString(), null, null, "OUTBOUND", null, null));
        CdrPage later = records.search(CdrFilter.parse(
                t.plus(150, ChronoUnit.SECONDS).toString(), end.toString(), "321", null, null, null, null));

        assertThat(first.total()).isEqualTo(5);
        assertThat(ids(first)).containsExactly("flt-4", "flt-3");
        assertThat(ids(third)).containsExactly("flt-0");
        assertThat(ids(busy)).containsExactly("flt-4", "flt-2", "flt-0");
        assertThat(ids(outbound)).containsExactly("flt-out");
        assertThat(ids(later)).containsExactly("flt-4", "flt-3");
        assertThat(ids(records.missedCalls(
                        "322", CdrFilter.parse(t.toString(), end.toString(), null, null, null, null, null))))
                .containsExactly("flt-4", "flt-2", "flt-0");
        assertThat(records.missedCalls(
                                "321", CdrFilter.parse(t.toString(), end.toString(), null, null, null, null, null))
                        .total())
                .as("the caller missed nothing")
                .isZero();
        assertThat(ids(records.callLog(
                        "321", CdrFilter.parse(t.toString(), end.toString(), null, null, null, null, null))))
                .containsExactly("flt-4", "flt-3", "flt-2", "flt-1", "flt-out", "flt-0");

        List<String> exported = new ArrayList<>();
        records.export(
                CdrFilter.parse(t.toString(), end.toString(), "322", null, null, "0", "1"),
                r -> exported.add(r.callId()));
        assertThat(exported).as("export ignores paging").isEqualTo(expectedNewestFirst);
    }

    @Test
    void aCallInProgressIsListedOpen() {
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        publish(internal("open-1", t, "331", "332"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> records.find("open-1").isPresent());
        CallRecord r = records.find("open-1").orElseThrow();
        assertThat(r.endedAt()).isNull();
        assertThat(r.disposition()).isNull();
        assertThat(records.search(CdrFilter.all().withExtension("331").withDispositions(Set.of(Disposition.ANSWERED)))
                        .total())
                .isZero();
        assertThat(records.search(CdrFilter.all().withExtension("331")).total()).isEqualTo(1);
    }

    @Test
    void aPickedUpCallIsLinkedAndNotMissed() {
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        // 351 rings; 352 picks it up (**351): the caller's phone takes the pickup call and cancels the first
        publish(
                internal("ring-1", t, "350", "351"),
                new CallRouted("ring-1", t, "extension:351", null, null),
                new CallStarted(
                        "pick-1",
                        t.plusSeconds(3),
                        "352",
                        "352",
                        null,
                        "**351",
                        CallDirection.INTERNAL,
                        null,
                        null,
                        "ring-1"),
                new CallRouted("pick-1", t.plusSeconds(3), "pickup:351", null, null),
                new CallAnswered("pick-1", t.plusSeconds(3), "350"),
                new CallEnded("ring-1", t.plusSeconds(4), Disposition.CANCELLED, 487, HangupSide.CALLER),
                new CallEnded("pick-1", t.plusSeconds(20), Disposition.ANSWERED, 200, HangupSide.CALLEE),
                // a second call to 351 that nobody picks up: missed
                internal("ring-2", t.plusSeconds(60), "350", "351"),
                new CallEnded("ring-2", t.plusSeconds(70), Disposition.NO_ANSWER, 408, HangupSide.SYSTEM));
        awaitEnded("pick-1");
        awaitEnded("ring-2");

        assertThat(records.find("pick-1").orElseThrow().linkedCallId()).isEqualTo("ring-1");
        assertThat(ids(records.missedCalls("351", CdrFilter.all()))).containsExactly("ring-2");
        assertThat(ids(records.callLog("351", CdrFilter.all()))).containsExactly("ring-2", "ring-1");
    }
}
