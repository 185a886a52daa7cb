package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.apitoken.ApiTokens;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.pbx.audit.AuditChannel;
import org.tandem.pbx.audit.AuditLog;

/**
 * The audit log (issue 17) over the REST API: who changed what, recorded centrally for every successful change,
 * never a refused one, never a secret. Run per database by its subclasses.
 */
abstract class AuditApiContract extends ApiTestBase {

    private static final String USER_PASSWORD = "Audit-Sip-Secret-3881";
    private static final String NEW_PASSWORD = "Audit-Sip-Secret-New";
    private static final String OPERATOR_PASSWORD = "auditor-password-1";

    @Autowired
    ApiTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void changesAreRecordedWithWhoAndWhatAndRefusalsAndSecretsAreNot() throws Exception {
        // the appliance may hold entries of other classes: this test reads its own, from here on
        Instant start = Instant.now().minusMillis(1);
        accounts.create("auditor", OPERATOR_PASSWORD, AdminRole.OPERATOR, false);
        ApiClient operator = anonymous.as("auditor", OPERATOR_PASSWORD);
        ApiTokens.Created cleanup = tokens.create("admin", "cleanup", "ADMIN");

        assertThat(admin.post("/api/v1/users", user("3881", "Audit Me", USER_PASSWORD, null))
                        .status())
                .isEqualTo(201);
        assertThat(admin.put("/api/v1/users/3881", user("3881", "Audit Me Too", NEW_PASSWORD, null))
                        .status())
                .isEqualTo(200);
        assertThat(operator.put("/api/v1/users/3881", user("3881", "Not Allowed", "Operator-Try-1", null))
                        .status())
                .as("an OPERATOR only reads")
                .isEqualTo(403);
        assertThat(admin.put("/api/v1/users/3881", "{\"extension\":\"3881\",\"displayName\":\"\"}")
                        .status())
                .as("a refused change (400) is no change")
                .isEqualTo(400);
        assertThat(bearer("DELETE", "/api/v1/users/3881", cleanup.secret())).isEqualTo(204);

        JsonNode entries = waitForEntries(operator, 3, start);
        assertThat(entries.size()).as(entries.toString()).isEqualTo(3);
        // newest first
        assertEntry(entries.get(0), "token cleanup of admin", "deleted user 3881", "3881");
        assertEntry(entries.get(1), "admin", "changed user 3881", "3881");
        assertEntry(entries.get(2), "admin", "created user 3881", "3881");
        Instant newest = Instant.parse(entries.get(0).get("at").asText());
        assertThat(newest)
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(Instant.parse(entries.get(2).get("at").asText())).isBeforeOrEqualTo(newest);

        String everything = operator.get("/api/v1/audit").body();
        assertThat(everything)
                .doesNotContain(USER_PASSWORD)
                .doesNotContain(NEW_PASSWORD)
                .doesNotContain("Operator-Try-1")
                .doesNotContain(cleanup.secret())
                .doesNotContain("auditor");
        List<String> rows = jdbc.sql("SELECT who, channel, action, target FROM audit_log")
                .query((rs, n) ->
                        rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4))
                .list();
        assertThat(String.join("\n", rows))
                .doesNotContain(USER_PASSWORD)
                .doesNotContain(NEW_PASSWORD)
                .doesNotContain(cleanup.secret())
                .doesNotContain("tdm_");

        JsonNode byToken = admin.get("/api/v1/audit?who=TOKEN&from=" + start).json();
        assertThat(byToken.size()).isEqualTo(1);
        assertThat(byToken.get(0).get("action").asText()).isEqualTo("deleted user 3881");
        assertThat(admin.get("/api/v1/audit?limit=1")
                        .json()
                        .get(0)
                        .get("action")
                        .asText())
                .isEqualTo("deleted user 3881");
        assertThat(admin.get("/api/v1/audit?from=" + Instant.now().plusSeconds(3600))
                        .json()
                        .size())
                .isZero();
        assertThat(admin.get("/api/v1/audit?to=2000-01-01").json().size()).isZero();
        ApiClient.Response bad = admin.get("/api/v1/audit?from=yesterday&limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("from").asText()).contains("ISO-8601");
        assertThat(bad.json().get("fields").get("limit").asText()).contains("1 to 1000");
    }

    @Test
    void secretsHandedToTheLogAreMaskedBeforeTheyAreStored() throws Exception {
        audit.record("ops-script", AuditChannel.API, "set password=Hunter2-Plain for tdm_abcdef123", "pin: 4711");
        try {
            List<String> rows = Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () -> jdbc.sql("SELECT action, target FROM audit_log WHERE who = 'ops-script'")
                                    .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2))
                                    .list(),
                            r -> !r.isEmpty());
            assertThat(rows).containsExactly("set password=*** for ***|pin: ***");
        } finally {
            // the other test counts every entry: this one leaves none behind
            jdbc.sql("DELETE FROM audit_log WHERE who = 'ops-script'").update();
        }
    }

    private JsonNode waitForEntries(ApiClient reader, int count, Instant from) {
        // entries are written on the audit IO thread, just after the answer
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            ApiClient.Response r = reader.get("/api/v1/audit?who=&limit=100&from=" + from);
                            assertThat(r.status()).as(r.toString()).isEqualTo(200);
                            return r.json();
                        },
                        entries -> entries.size() >= count);
    }

    private static void assertEntry(JsonNode e, String who, String action, String target) {
        assertThat(e.get("who").asText()).as(e.toString()).isEqualTo(who);
        assertThat(e.get("channel").asText()).as(e.toString()).isEqualTo("API");
        assertThat(e.get("action").asText()).as(e.toString()).isEqualTo(action);
        assertThat(e.get("target").asText()).as(e.toString()).isEqualTo(target);
    }

    private int bearer(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
