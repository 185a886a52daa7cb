package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.SystemHealth;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecords;

/**
 * {@code /api/v1/cdrs}, {@code /api/v1/cdrs.csv} and a user's calls and missed calls: call events are
 * published into the running appliance (as the proxy raises them) and read back over HTTP. Each test
 * uses its own extensions and day, so the order of tests does not matter.
 */
abstract class CdrApiContract extends UsersApiContract {

    @Autowired
    CallEvents events;

    @Autowired
    CallRecords records;

    /** A call from {@code from} to {@code to} at {@code at}: answered (held 30 s) or ended with {@code status}. */
    void call(String id, Instant at, String from, String to, Disposition d, int status) {
        events.publish(
                new CallStarted(id, at, from, from, "User " + from, to, CallDirection.INTERNAL, null, null, null));
        events.publish(new CallRouted(id, at.plusMillis(5), "extension:" + to, null, null));
        if (d == Disposition.ANSWERED) events.publish(new CallAnswered(id, at.plusSeconds(2), to));
        events.publish(new CallEnded(
                id,
                at.plusSeconds(d == Disposition.ANSWERED ? 32 : 10),
                d,
                status,
                d == Disposition.ANSWERED ? HangupSide.CALLER : HangupSide.CALLEE));
    }

    void awaitRecorded(String... ids) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    for (String id : ids) {
                        if (records.find(id).filter(r -> r.endedAt() != null).isEmpty()) return false;
                    }
                    return true;
                });
    }

    static List<String> ids(Response r) {
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(i -> ids.add(i.get("callId").asText()));
        return ids;
    }

    @Test
    void listsFiltersAndPagesCallRecordsNewestFirst() {
        Instant day = Instant.parse("2026-05-04T00:00:00Z");
        call("api-1", day.plusSeconds(3600), "811", "812", Disposition.ANSWERED, 200);
        call("api-2", day.plusSeconds(7200), "811", "812", Disposition.BUSY, 486);
        call("api-3", day.plusSeconds(10800), "813", "811", Disposition.NO_ANSWER, 480);
        awaitRecorded("api-1", "api-2", "api-3");
        String range = "from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z";

        Response all = admin.get("/api/v1/cdrs?" + range + "&extension=811");
        Response page2 = admin.get("/api/v1/cdrs?" + range + "&extension=811&page=1&size=2");
        Response busy = admin.get("/api/v1/cdrs?" + range + "&disposition=busy");
        Response internal = admin.get("/api/v1/cdrs?" + range + "&direction=INTERNAL&disposition=ANSWERED,NO_ANSWER");

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(ids(all)).containsExactly("api-3", "api-2", "api-1");
        assertThat(all.json().get("total").asLong()).isEqualTo(3);
        assertThat(all.json().get("page").asInt()).isZero();
        assertThat(all.json().get("size").asInt()).isEqualTo(50);
        assertThat(ids(page2)).containsExactly("api-1");
        assertThat(page2.json().get("total").asLong()).isEqualTo(3);
        assertThat(ids(busy)).containsExactly("api-2");
        assertThat(ids(internal)).containsExactly("api-3", "api-1");
        JsonNode answered = all.json().get("items").get(2);
        assertThat(answered.get("callerExtension").asText()).isEqualTo("811");
        assertThat(answered.get("callerName").asText()).isEqualTo("User 811");
        assertThat(answered.get("dialled").asText()).isEqualTo("812");
        assertThat(answered.get("answeredBy").asText()).isEqualTo("812");
        assertThat(answered.get("destination").asText()).isEqualTo("extension:812");
        assertThat(answered.get("direction").asText()).isEqualTo("INTERNAL");
        assertThat(answered.get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(answered.get("hangupSide").asText()).isEqualTo("CALLER");
        assertThat(answered.get("sipStatus").asInt()).isEqualTo(200);
        assertThat(answered.get("billableSeconds").asLong()).isEqualTo(30);
        assertThat(Instant.parse(answered.get("startedAt").asText())).isEqualTo(day.plusSeconds(3600));
        assertThat(Instant.parse(answered.get("answeredAt").asText())).isEqualTo(day.plusSeconds(3602));
        assertThat(Instant.parse(answered.get("endedAt").asText())).isEqualTo(day.plusSeconds(3632));
        assertThat(answered.get("closedAtRestart").asBoolean()).isFalse();
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        Response from = admin.get("/api/v1/cdrs?from=last-tuesday");
        Response disposition = admin.get("/api/v1/cdrs?disposition=HUNG");
        Response direction = admin.get("/api/v1/cdrs.csv?direction=UP");
        Response size = admin.get("/api/v1/users/101/calls?size=0");

        for (Response r : new Response[] {from, disposition, direction}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid input");
            assertNoStackTrace(r);
        }
        assertThat(from.json().get("fields").get("from").asText())
                .contains("last-tuesday")
                .contains("ISO-8601");
        assertThat(disposition.json().get("fields").get("disposition").asText()).contains("NO_ANSWER");
        assertThat(direction.json().get("fields").get("direction").asText()).contains("OUTBOUND");
        assertThat(size.status()).as("the filter is checked before the user").isEqualTo(400);
        assertThat(size.json().get("fields").get("size").asText()).contains("1 to 1000");
    }

    @Test
    void exportsCsvWithAHeaderRowAndEveryMatch() {
        Instant day = Instant.parse("2026-05-05T00:00:00Z");
        call("csv-1", day.plusSeconds(60), "821", "822", Disposition.ANSWERED, 200);
        events.publish(new CallStarted(
                "csv-2",
                day.plusSeconds(120),
                "821",
                "821",
                "=cmd(), \"evil\"",
                "822",
                CallDirection.INTERNAL,
                null,
                null,
                null));
        events.publish(new CallEnded("csv-2", day.plusSeconds(125), Disposition.CANCELLED, 487, HangupSide.CALLER));
        awaitRecorded("csv-1", "csv-2");

        Response csv = admin.get("/api/v1/cdrs.csv?from=2026-05-05&to=2026-05-06&extension=821");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.header("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d)
                        .startsWith("attachment")
                        .contains("filename=\"cdrs-")
                        .contains(".csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("call_id,started_at,answered_at,ended_at,billable_seconds,disposition");
        assertThat(lines[1])
                .startsWith("csv-2,2026-05-05T00:02:00Z,,2026-05-05T00:02:05Z,0,CANCELLED,INTERNAL,821,821,"
                        + "\"'=cmd(), \"\"evil\"\"\",822,");
        assertThat(lines[2])
                .startsWith("csv-1,2026-05-05T00:01:00Z,2026-05-05T00:01:02Z,2026-05-05T00:01:32Z,30," + "ANSWERED,");
    }

    @Test
    void aUsersCallLogAndMissedCalls() {
        admin.post("/api/v1/users", user("831", "Kim", "s3cret-831", null));
        Instant day = Instant.parse("2026-05-06T00:00:00Z");
        call("log-1", day.plusSeconds(60), "831", "832", Disposition.ANSWERED, 200);
        call("log-2", day.plusSeconds(120), "832", "831", Disposition.NO_ANSWER, 408);
        call("log-3", day.plusSeconds(180), "833", "831", Disposition.BUSY, 486);
        call("log-4", day.plusSeconds(240), "833", "831", Disposition.ANSWERED, 200);
        call("log-5", day.plusSeconds(300), "831", "833", Disposition.CANCELLED, 487);
        awaitRecorded("log-1", "log-2", "log-3", "log-4", "log-5");

        Response calls = admin.get("/api/v1/users/831/calls");
        Response missed = admin.get("/api/v1/users/831/missed-calls");
        Response missedPage = admin.get("/api/v1/users/831/missed-calls?size=1&page=1");
        Response unknown = admin.get("/api/v1/users/839/missed-calls");

        assertThat(calls.status()).as(calls.toString()).isEqualTo(200);
        assertThat(ids(calls)).containsExactly("log-5", "log-4", "log-3", "log-2", "log-1");
        assertThat(ids(missed))
                .as("offered to 831, not answered; its own cancelled call is not missed")
                .containsExactly("log-3", "log-2");
        assertThat(ids(missedPage)).containsExactly("log-2");
        assertThat(missedPage.json().get("total").asLong()).isEqualTo(2);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).contains("839");
    }

    @Test
    void operatorsMayReadCallRecordsAndAnonymousMayNot() {
        if (accounts.find("cdr-reader").isEmpty()) {
            accounts.create("cdr-reader", "reader-secret", AdminRole.OPERATOR, false);
        }
        ApiClient operator = anonymous.as("cdr-reader", "reader-secret");
        assertThat(operator.get("/api/v1/cdrs").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/cdrs.csv").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/cdrs").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/cdrs.csv").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/cdrs.csv").body()).doesNotContain("call_id");
    }

    /** The phones' RFC 6035 reports of a call (stored by the PUBLISH collector: CallQualityReportIT) over the API. */
    @Test
    void aCallsQualityReportsAreServedToAdminsAndOperators(
            @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        String callId = "quality-call-1@192.0.2.7";
        jdbc.sql(
                        "INSERT INTO call_quality (call_id, reporter, reported_ms, report_type, codec, loss_percent, "
                                + "discard_percent, jitter_ms, round_trip_ms, mos_lq, mos_cq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        callId,
                        "201",
                        Instant.parse("2026-11-24T01:02:00Z").toEpochMilli(),
                        "SESSION",
                        "PCMA",
                        2.5,
                        null,
                        4,
                        60,
                        4.2,
                        null)
                .update();

        Response reports = admin.get("/api/v1/cdrs/" + callId + "/quality");
        assertThat(reports.status()).as(reports.toString()).isEqualTo(200);
        JsonNode r = reports.json().get(0);
        assertThat(reports.json()).hasSize(1);
        assertThat(r.get("reporter").asText()).isEqualTo("201");
        assertThat(r.get("type").asText()).isEqualTo("SESSION");
        assertThat(r.get("codec").asText()).isEqualTo("PCMA");
        assertThat(r.get("lossPercent").asDouble()).isEqualTo(2.5);
        assertThat(r.has("discardPercent"))
                .as("left out of the report (the API leaves nulls out)")
                .isFalse();
        assertThat(r.get("jitterMillis").asInt()).isEqualTo(4);
        assertThat(r.get("mosLq").asDouble()).isEqualTo(4.2);
        assertThat(admin.get("/api/v1/cdrs/other-call@192.0.2.7/quality").json())
                .isEmpty();
        if (accounts.find("cdr-reader").isEmpty()) {
            accounts.create("cdr-reader", "reader-secret", AdminRole.OPERATOR, false);
        }
        assertThat(anonymous
                        .as("cdr-reader", "reader-secret")
                        .get("/api/v1/cdrs/" + callId + "/quality")
                        .status())
                .isEqualTo(200);
        assertThat(anonymous.get("/api/v1/cdrs/" + callId + "/quality").status())
                .isEqualTo(401);
    }

    @Test
    void theCdrWriterIsPartOfHealth() {
        SystemHealth health = (SystemHealth) healthEndpoint.health();
        assertThat(health.getComponents()).containsKey("cdrWriter");
    }
}
