package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.queue.internal.AgentLogins;
import org.tandem.pbx.queue.internal.AgentPauses;
import org.tandem.pbx.queue.internal.AgentPresences;

/**
 * Call queues over the API (issue 18): {@code /api/v1/queues} create/read/update/delete with 201/400/409/404, the
 * destination {@code queue:<number>} checked where destinations are named and refusing the queue's deletion while
 * used, an agent who cannot be deleted while a queue names them, and {@code /api/v1/queues/{number}/stats}; agents
 * paused with a reason and resumed, logged in and out ({@code /agents/{extension}}), their pauses kept in the database
 * (a fresh load sees them); the leave key's rules; the daily figures as CSV.
 */
abstract class QueueApiContract extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AgentLogins logins;

    @Autowired
    CallQueues callQueues;

    @Test
    void queuesAreCreatedReadUpdatedAndDeleted() {
        ensureUser("6851");
        ensureUser("6852");
        Response created = admin.post(
                "/api/v1/queues",
                "{\"number\":\"6750\",\"name\":\"Support\",\"strategy\":\"round_robin\","
                        + "\"members\":[\"6851\",\"6852\"],\"fallback\":\"voicemail:6851\",\"maxWaitSeconds\":120}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/queues/6750"));
        JsonNode q = admin.get("/api/v1/queues/6750").json();
        assertThat(q.get("strategy").asText()).isEqualTo("ROUND_ROBIN");
        assertThat(q.get("members").toString()).isEqualTo("[\"6851\",\"6852\"]");
        assertThat(q.get("fallback").asText()).isEqualTo("voicemail:6851");
        assertThat(q.get("maxWaitSeconds").asInt()).isEqualTo(120);
        assertThat(q.get("agentRingSeconds").asInt()).as("default").isEqualTo(15);
        assertThat(q.get("wrapUpSeconds").asInt()).as("default").isEqualTo(10);
        assertThat(q.get("joinEmpty").asBoolean()).as("default").isTrue();
        assertThat(admin.get("/api/v1/queues").json().findValuesAsText("number"))
                .contains("6750");

        Response updated = admin.put(
                "/api/v1/queues/6750",
                "{\"name\":\"Support desk\",\"strategy\":\"FEWEST_CALLS\"," + "\"fallback\":\"\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("Support desk");
        assertThat(updated.json().get("members").size()).as("kept").isEqualTo(2);
        assertThat(updated.json().path("fallback").isMissingNode()
                        || updated.json().path("fallback").isNull())
                .as("removed")
                .isTrue();
        assertThat(admin.put("/api/v1/queues/6750", "{\"number\":\"6751\"}").status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/queues/6759", "{\"name\":\"x\"}").status())
                .isEqualTo(404);

        assertThat(admin.delete("/api/v1/queues/6750").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/queues/6750").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/queues/6750").status()).isEqualTo(404);
    }

    @Test
    void badQueuesAreRefusedFieldByFieldAndTakenNumbersAre409() {
        ensureUser("6853");
        Response bad = admin.post(
                "/api/v1/queues",
                "{\"number\":\"7\",\"name\":\"\",\"strategy\":\"LONGEST_IDLE\","
                        + "\"members\":[\"6853\",\"999\",\"6853\"],\"agentRingSeconds\":1,\"announceSeconds\":2,"
                        + "\"fallback\":\"queue:6998\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        JsonNode fields = bad.json().get("fields");
        assertThat(fields.get("number").asText()).contains("2 to 12 digits");
        assertThat(fields.get("name").asText()).contains("required");
        assertThat(fields.get("strategy").asText())
                .contains("RINGALL, ROUND_ROBIN, LEAST_RECENT, FEWEST_CALLS, RANDOM");
        assertThat(fields.get("members[1]").asText()).isEqualTo("there is no extension 999");
        assertThat(fields.get("members[2]").asText()).contains("listed twice");
        assertThat(fields.get("agentRingSeconds").asText()).contains("5 to 300");
        assertThat(fields.get("announceSeconds").asText()).contains("0 (no announcements)");
        assertThat(fields.get("fallback").asText()).isEqualTo("there is no queue 6998");
        Response self =
                admin.post("/api/v1/queues", "{\"number\":\"6760\",\"name\":\"Loop\",\"fallback\":\"queue:6760\"}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.json().get("fields").get("fallback").asText()).contains("the queue itself");

        assertThat(admin.post("/api/v1/queues", "{\"number\":\"6761\",\"name\":\"Billing\"}")
                        .status())
                .isEqualTo(201);
        Response twice = admin.post("/api/v1/queues", "{\"number\":\"6761\",\"name\":\"Again\"}");
        assertThat(twice.status()).isEqualTo(409);
        Response onExtension = admin.post("/api/v1/queues", "{\"number\":\"6853\",\"name\":\"Clash\"}");
        assertThat(onExtension.status()).isEqualTo(409);
        assertThat(onExtension.json().get("message").asText()).contains("extension 6853");
        Response groupOnQueue = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"6761\",\"name\":\"Group\","
                        + "\"strategy\":\"SIMULTANEOUS\",\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:6853\"}]}");
        assertThat(groupOnQueue.status()).isEqualTo(409);
        assertThat(groupOnQueue.json().get("message").asText()).contains("queue Billing");
        assertThat(admin.delete("/api/v1/queues/6761").status()).isEqualTo(204);
    }

    @Test
    void aQueueUsedAsADestinationAndItsAgentsAreNotDeleted() {
        ensureUser("6854");
        assertThat(admin.post("/api/v1/queues", "{\"number\":\"6770\",\"name\":\"Orders\",\"members\":[\"6854\"]}")
                        .status())
                .isEqualTo(201);
        Response unknown = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"6671\",\"name\":\"Front\",\"strategy\":\"SIMULTANEOUS\","
                        + "\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:6854\"}],\"fallback\":\"queue:6779\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("fields").get("fallback").asText()).isEqualTo("there is no queue 6779");
        Response group = admin.post(
                "/api/v1/ring-groups",
                "{\"number\":\"6671\",\"name\":\"Front\",\"strategy\":\"SIMULTANEOUS\","
                        + "\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:6854\"}],\"fallback\":\"queue:6770\"}");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);

        Response inUse = admin.delete("/api/v1/queues/6770");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("ring group 6671 Front");
        Response agent = admin.delete("/api/v1/users/6854");
        assertThat(agent.status()).isEqualTo(409);
        assertThat(agent.json().get("message").asText()).contains("queue 6770 Orders (agent)");

        assertThat(admin.delete("/api/v1/ring-groups/6671").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/queues/6770").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/users/6854").status()).isEqualTo(204);
    }

    @Test
    void statsSayTheDaysFiguresAndWhoWaitsNow() {
        ensureUser("6855");
        assertThat(admin.post(
                                "/api/v1/queues",
                                "{\"number\":\"6780\",\"name\":\"Stats\",\"members\":[\"6855\"],"
                                        + "\"serviceLevelSeconds\":30}")
                        .status())
                .isEqualTo(201);
        Response stats = admin.get("/api/v1/queues/6780/stats");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        JsonNode s = stats.json();
        assertThat(s.get("offered").asLong()).isZero();
        assertThat(s.get("answered").asLong()).isZero();
        assertThat(s.get("abandoned").asLong()).isZero();
        assertThat(s.get("serviceLevelPercent").asDouble()).isEqualTo(100.0);
        assertThat(s.get("serviceLevelSeconds").asInt()).isEqualTo(30);
        assertThat(s.get("waiting").size()).isZero();
        assertThat(s.get("longestWaitSeconds").asLong()).isZero();
        assertThat(s.get("agents").get(0).get("extension").asText()).isEqualTo("6855");
        assertThat(s.get("agents").get(0).get("state").asText())
                .as("no phone registered")
                .isEqualTo("UNAVAILABLE");
        assertThat(admin.get("/api/v1/queues/6780/stats?date=2026-01-31")
                        .json()
                        .get("date")
                        .asText())
                .isEqualTo("2026-01-31");
        Response badDate = admin.get("/api/v1/queues/6780/stats?date=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("fields").get("date").asText()).contains("YYYY-MM-DD");
        assertThat(admin.get("/api/v1/queues/6789/stats").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/queues/6780").status()).isEqualTo(204);
    }

    @Test
    void agentsArePausedWithAReasonResumedAndLoggedInAndOut() {
        ensureUser("6856");
        ensureUser("6857");
        assertThat(admin.post("/api/v1/queues", "{\"number\":\"6790\",\"name\":\"Pauses\",\"members\":[\"6856\"]}")
                        .status())
                .isEqualTo(201);
        Response paused = admin.put("/api/v1/queues/6790/agents/6856", "{\"state\":\"paused\",\"reason\":\"lunch\"}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().get("presence").asText()).isEqualTo("PAUSED");
        assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
        assertThat(paused.json().get("reason").asText()).isEqualTo("lunch");
        assertThat(paused.json().get("member").asBoolean()).isTrue();
        String since = paused.json().get("pausedSince").asText();
        assertThat(since).isNotBlank();
        JsonNode agent =
                admin.get("/api/v1/queues/6790/stats").json().get("agents").get(0);
        assertThat(agent.get("state").asText())
                .as("paused, though no phone is registered either")
                .isEqualTo("PAUSED");
        assertThat(agent.get("pausedReason").asText()).isEqualTo("lunch");
        // pausing again keeps the time and takes the new reason
        Response again = admin.put("/api/v1/queues/6790/agents/6856", "{\"state\":\"PAUSED\",\"reason\":\"meeting\"}");
        assertThat(again.json().get("reason").asText()).isEqualTo("meeting");
        assertThat(again.json().get("pausedSince").asText()).isEqualTo(since);

        // a user who is no member logs in by being paused, then out
        Response dynamic = admin.put("/api/v1/queues/6790/agents/6857", "{\"state\":\"PAUSED\"}");
        assertThat(dynamic.status()).as(dynamic.toString()).isEqualTo(200);
        assertThat(dynamic.json().get("member").asBoolean()).isFalse();
        assertThat(dynamic.json().get("presence").asText()).isEqualTo("PAUSED");
        assertThat(dynamic.json().path("reason").isNull()
                        || dynamic.json().path("reason").isMissingNode())
                .isTrue();
        assertThat(admin.get("/api/v1/queues/6790/agents").json().findValuesAsText("extension"))
                .containsExactly("6856", "6857");

        // the pauses are in the database: a fresh load (as after a restart) sees them
        QueueAgents reloaded = new AgentPresences(callQueues, logins, new AgentPauses(jdbc, logins), directory);
        QueueAgents.AgentPresence p = reloaded.presence("6790", "6856").orElseThrow();
        assertThat(p.presence()).isEqualTo(QueueAgents.Presence.PAUSED);
        assertThat(p.reason()).isEqualTo("meeting");
        assertThat(p.pausedSince().toString()).isEqualTo(since);
        assertThat(reloaded.presence("6790", "6857").orElseThrow().presence()).isEqualTo(QueueAgents.Presence.PAUSED);

        Response staticOut = admin.put("/api/v1/queues/6790/agents/6856", "{\"state\":\"LOGGED_OUT\"}");
        assertThat(staticOut.status()).isEqualTo(400);
        assertThat(staticOut.json().get("fields").get("state").asText()).contains("static agent of queue 6790");
        Response bad = admin.put(
                "/api/v1/queues/6790/agents/6856", "{\"state\":\"AWAY\",\"reason\":\"" + "x".repeat(65) + "\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("state").asText()).contains("LOGGED_OUT, AVAILABLE, PAUSED");
        assertThat(bad.json().get("fields").get("reason").asText()).contains("64");
        assertThat(admin.put("/api/v1/queues/6799/agents/6856", "{\"state\":\"PAUSED\"}")
                        .status())
                .isEqualTo(404);
        Response noUser = admin.put("/api/v1/queues/6790/agents/6869", "{\"state\":\"PAUSED\"}");
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.json().get("message").asText()).contains("extension 6869");

        Response out = admin.put("/api/v1/queues/6790/agents/6857", "{\"state\":\"LOGGED_OUT\"}");
        assertThat(out.json().get("presence").asText()).isEqualTo("LOGGED_OUT");
        Response resumed = admin.put("/api/v1/queues/6790/agents/6856", "{\"state\":\"AVAILABLE\"}");
        assertThat(resumed.json().get("presence").asText()).isEqualTo("AVAILABLE");
        assertThat(resumed.json().get("state").asText()).isEqualTo("UNAVAILABLE");
        assertThat(admin.get("/api/v1/queues/6790/agents").json().findValuesAsText("extension"))
                .containsExactly("6856");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_queue_pause WHERE queue_number = '6790'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(admin.delete("/api/v1/queues/6790").status()).isEqualTo(204);
    }

    /**
     * The front desk (RECEPTIONIST) pauses and resumes a logged-in agent over the API and reads the agents, but does
     * not log anyone in or out (403 with a reason) and sees no queue configuration; a read-only OPERATOR changes
     * nothing.
     */
    @Test
    void theFrontDeskPausesAndResumesAgentsButDoesNotLogThemInOrOut() {
        ensureUser("6846");
        ensureUser("6847");
        assertThat(admin.post("/api/v1/queues", "{\"number\":\"6792\",\"name\":\"Desk\",\"members\":[\"6846\"]}")
                        .status())
                .isEqualTo(201);
        if (accounts.find("qdesk").isEmpty())
            accounts.create("qdesk", "Desk-pass-2026!", AdminRole.RECEPTIONIST, false);
        if (accounts.find("qviewer").isEmpty())
            accounts.create("qviewer", "Viewer-pass-2026!", AdminRole.OPERATOR, false);
        ApiClient desk = anonymous.as("qdesk", "Desk-pass-2026!");
        ApiClient viewer = anonymous.as("qviewer", "Viewer-pass-2026!");

        Response paused = desk.put("/api/v1/queues/6792/agents/6846", "{\"state\":\"PAUSED\",\"reason\":\"break\"}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().get("presence").asText()).isEqualTo("PAUSED");
        assertThat(paused.json().get("reason").asText()).isEqualTo("break");
        Response listed = desk.get("/api/v1/queues/6792/agents");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().get(0).get("presence").asText()).isEqualTo("PAUSED");
        assertThat(viewer.put("/api/v1/queues/6792/agents/6846", "{\"state\":\"AVAILABLE\"}")
                        .status())
                .isEqualTo(403);
        Response resumed = desk.put("/api/v1/queues/6792/agents/6846", "{\"state\":\"available\"}");
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("presence").asText()).isEqualTo("AVAILABLE");

        Response logIn = desk.put("/api/v1/queues/6792/agents/6847", "{\"state\":\"AVAILABLE\"}");
        assertThat(logIn.status()).as(logIn.toString()).isEqualTo(403);
        assertThat(logIn.json().get("message").asText()).contains("logging in and out");
        assertThat(admin.get("/api/v1/queues/6792/agents/6847")
                        .json()
                        .get("presence")
                        .asText())
                .isEqualTo("LOGGED_OUT");
        assertThat(admin.put("/api/v1/queues/6792/agents/6847", "{\"state\":\"AVAILABLE\"}")
                        .status())
                .isEqualTo(200);
        assertThat(desk.put("/api/v1/queues/6792/agents/6847", "{\"state\":\"LOGGED_OUT\"}")
                        .status())
                .isEqualTo(403);
        assertThat(desk.put("/api/v1/queues/6792/agents/6847", "{\"state\":\"PAUSED\"}")
                        .status())
                .isEqualTo(200);
        assertThat(desk.put("/api/v1/queues/6799/agents/6847", "{\"state\":\"PAUSED\"}")
                        .status())
                .isEqualTo(404);
        assertThat(desk.get("/api/v1/queues/6792").status())
                .as("no configuration")
                .isEqualTo(403);
        assertThat(desk.put("/api/v1/queues/6792", "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(admin.delete("/api/v1/queues/6792").status()).isEqualTo(204);
    }

    @Test
    void aLeaveKeyNeedsADestinationAndItsDestinationIsInUse() {
        ensureUser("6858");
        Response noDestination =
                admin.post("/api/v1/queues", "{\"number\":\"6791\",\"name\":\"Keys\",\"leaveKey\":\"1\"}");
        assertThat(noDestination.status()).isEqualTo(400);
        assertThat(noDestination.json().get("fields").get("leaveDestination").asText())
                .contains("required");
        Response badKey = admin.post(
                "/api/v1/queues",
                "{\"number\":\"6791\",\"name\":\"Keys\",\"leaveKey\":\"12\","
                        + "\"leaveDestination\":\"voicemail:6858\"}");
        assertThat(badKey.json().get("fields").get("leaveKey").asText()).isEqualTo("must be one key: 0-9, * or #");
        Response noKey = admin.post(
                "/api/v1/queues", "{\"number\":\"6791\",\"name\":\"Keys\",\"leaveDestination\":\"voicemail:6858\"}");
        assertThat(noKey.json().get("fields").get("leaveKey").asText()).contains("give the key");
        Response self = admin.post(
                "/api/v1/queues",
                "{\"number\":\"6791\",\"name\":\"Keys\",\"leaveKey\":\"#\"," + "\"leaveDestination\":\"queue:6791\"}");
        assertThat(self.json().get("fields").get("leaveDestination").asText()).contains("the queue itself");

        Response created = admin.post(
                "/api/v1/queues",
                "{\"number\":\"6791\",\"name\":\"Keys\",\"leaveKey\":\"*\","
                        + "\"leaveDestination\":\"voicemail:6858\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("leaveKey").asText()).isEqualTo("*");
        assertThat(created.json().get("leaveDestination").asText()).isEqualTo("voicemail:6858");
        Response inUse = admin.delete("/api/v1/users/6858");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("queue 6791 Keys (the key to leave the line)");
        Response kept = admin.put("/api/v1/queues/6791", "{\"name\":\"Keys 2\"}");
        assertThat(kept.json().get("leaveKey").asText()).as("kept").isEqualTo("*");
        Response removed = admin.put("/api/v1/queues/6791", "{\"leaveKey\":\"\"}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("leaveKey").isNull()
                        || removed.json().path("leaveKey").isMissingNode())
                .isTrue();
        assertThat(removed.json().path("leaveDestination").isNull()
                        || removed.json().path("leaveDestination").isMissingNode())
                .isTrue();
        assertThat(admin.delete("/api/v1/queues/6791").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/users/6858").status()).isEqualTo(204);
    }

    @Test
    void dailyFiguresComeAsCsvPerDayAndBadRangesAre400() {
        ensureUser("6859");
        assertThat(admin.post("/api/v1/queues", "{\"number\":\"6792\",\"name\":\"Csv\",\"members\":[\"6859\"]}")
                        .status())
                .isEqualTo(201);
        Response csv = admin.get("/api/v1/queues/6792/stats.csv?from=2026-01-30&to=2026-02-01");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n"))
                .containsExactly(
                        "date,queue,agent,offered,answered,abandoned,left_by_key,sent_on,average_wait_seconds,"
                                + "service_level_percent,service_level_seconds",
                        "2026-01-30,6792,,0,0,0,0,0,0.0,100.0,20",
                        "2026-01-31,6792,,0,0,0,0,0,0.0,100.0,20",
                        "2026-02-01,6792,,0,0,0,0,0,0.0,100.0,20");
        Response today = admin.get("/api/v1/queues/6792/stats?format=csv");
        assertThat(today.status()).as(today.toString()).isEqualTo(200);
        assertThat(today.body()).contains("\r\n" + LocalDate.now(ZoneId.systemDefault()) + ",6792,,0,");

        Response backwards = admin.get("/api/v1/queues/6792/stats.csv?from=2026-02-01&to=2026-01-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("fields").get("to").asText()).contains("not be before");
        Response tooLong = admin.get("/api/v1/queues/6792/stats.csv?from=2026-01-01&to=2026-12-31");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("fields").get("to").asText()).contains("at most 92 days");
        Response badDay = admin.get("/api/v1/queues/6792/stats.csv?from=monday");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.json().get("fields").get("from").asText()).contains("YYYY-MM-DD");
        assertThat(admin.get("/api/v1/queues/6798/stats.csv").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/queues/6792").status()).isEqualTo(204);
    }
}
