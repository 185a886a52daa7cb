package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.testsupport.ApiClient.Response;

/**
 * Call queues over the API (issue 18): {@code /api/v1/queues} create/read/update/delete with 201/400/409/404, the
 * destination {@code queue:<number>} checked where destinations are named and refusing the queue's deletion while
 * used, an agent who cannot be deleted while a queue names them, and {@code /api/v1/queues/{number}/stats}.
 */
abstract class QueueApiContract extends ApiTestBase {

    private void user(String extension) {
        if (!directory.exists(extension)) {
            assertThat(admin.post("/api/v1/users", user(extension, "User " + extension, "s3cret-" + extension, null))
                    .status()).isEqualTo(201);
        }
    }

    @Test
    void queuesAreCreatedReadUpdatedAndDeleted() {
        user("851");
        user("852");
        Response created = admin.post("/api/v1/queues", "{\"number\":\"750\",\"name\":\"Support\",\"strategy\":\"round_robin\","
                + "\"members\":[\"851\",\"852\"],\"fallback\":\"voicemail:851\",\"maxWaitSeconds\":120}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/queues/750"));
        JsonNode q = admin.get("/api/v1/queues/750").json();
        assertThat(q.get("strategy").asText()).isEqualTo("ROUND_ROBIN");
        assertThat(q.get("members").toString()).isEqualTo("[\"851\",\"852\"]");
        assertThat(q.get("fallback").asText()).isEqualTo("voicemail:851");
        assertThat(q.get("maxWaitSeconds").asInt()).isEqualTo(120);
        assertThat(q.get("agentRingSeconds").asInt()).as("default").isEqualTo(15);
        assertThat(q.get("wrapUpSeconds").asInt()).as("default").isEqualTo(10);
        assertThat(q.get("joinEmpty").asBoolean()).as("default").isTrue();
        assertThat(admin.get("/api/v1/queues").json().findValuesAsText("number")).contains("750");

        Response updated = admin.put("/api/v1/queues/750", "{\"name\":\"Support desk\",\"strategy\":\"FEWEST_CALLS\","
                + "\"fallback\":\"\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("Support desk");
        assertThat(updated.json().get("members").size()).as("kept").isEqualTo(2);
        assertThat(updated.json().path("fallback").isMissingNode() || updated.json().path("fallback").isNull())
                .as("removed").isTrue();
        assertThat(admin.put("/api/v1/queues/750", "{\"number\":\"751\"}").status()).isEqualTo(400);
        assertThat(admin.put("/api/v1/queues/759", "{\"name\":\"x\"}").status()).isEqualTo(404);

        assertThat(admin.delete("/api/v1/queues/750").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/queues/750").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/queues/750").status()).isEqualTo(404);
    }

    @Test
    void badQueuesAreRefusedFieldByFieldAndTakenNumbersAre409() {
        user("853");
        Response bad = admin.post("/api/v1/queues", "{\"number\":\"7\",\"name\":\"\",\"strategy\":\"LONGEST_IDLE\","
                + "\"members\":[\"853\",\"999\",\"853\"],\"agentRingSeconds\":1,\"announceSeconds\":2,"
                + "\"fallback\":\"queue:998\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        JsonNode fields = bad.json().get("fields");
        assertThat(fields.get("number").asText()).contains("2 to 12 digits");
        assertThat(fields.get("name").asText()).contains("required");
        assertThat(fields.get("strategy").asText()).contains("RINGALL, ROUND_ROBIN, LEAST_RECENT, FEWEST_CALLS, RANDOM");
        assertThat(fields.get("members[1]").asText()).isEqualTo("there is no extension 999");
        assertThat(fields.get("members[2]").asText()).contains("listed twice");
        assertThat(fields.get("agentRingSeconds").asText()).contains("5 to 300");
        assertThat(fields.get("announceSeconds").asText()).contains("0 (no announcements)");
        assertThat(fields.get("fallback").asText()).isEqualTo("there is no queue 998");
        Response self = admin.post("/api/v1/queues", "{\"number\":\"760\",\"name\":\"Loop\",\"fallback\":\"queue:760\"}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.json().get("fields").get("fallback").asText()).contains("the queue itself");

        assertThat(admin.post("/api/v1/queues", "{\"number\":\"761\",\"name\":\"Billing\"}").status()).isEqualTo(201);
        Response twice = admin.post("/api/v1/queues", "{\"number\":\"761\",\"name\":\"Again\"}");
        assertThat(twice.status()).isEqualTo(409);
        Response onExtension = admin.post("/api/v1/queues", "{\"number\":\"853\",\"name\":\"Clash\"}");
        assertThat(onExtension.status()).isEqualTo(409);
        assertThat(onExtension.json().get("message").asText()).contains("extension 853");
        Response groupOnQueue = admin.post("/api/v1/ring-groups", "{\"number\":\"761\",\"name\":\"Group\","
                + "\"strategy\":\"SIMULTANEOUS\",\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:853\"}]}");
        assertThat(groupOnQueue.status()).isEqualTo(409);
        assertThat(groupOnQueue.json().get("message").asText()).contains("queue Billing");
        assertThat(admin.delete("/api/v1/queues/761").status()).isEqualTo(204);
    }

    @Test
    void aQueueUsedAsADestinationAndItsAgentsAreNotDeleted() {
        user("854");
        assertThat(admin.post("/api/v1/queues", "{\"number\":\"770\",\"name\":\"Orders\",\"members\":[\"854\"]}")
                .status()).isEqualTo(201);
        Response unknown = admin.post("/api/v1/ring-groups", "{\"number\":\"671\",\"name\":\"Front\",\"strategy\":\"SIMULTANEOUS\","
                + "\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:854\"}],\"fallback\":\"queue:779\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("fields").get("fallback").asText()).isEqualTo("there is no queue 779");
        Response group = admin.post("/api/v1/ring-groups", "{\"number\":\"671\",\"name\":\"Front\",\"strategy\":\"SIMULTANEOUS\","
                + "\"ringSeconds\":15,\"members\":[{\"destination\":\"extension:854\"}],\"fallback\":\"queue:770\"}");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);

        Response inUse = admin.delete("/api/v1/queues/770");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("message").asText()).contains("ring group 671 Front");
        Response agent = admin.delete("/api/v1/users/854");
        assertThat(agent.status()).isEqualTo(409);
        assertThat(agent.json().get("message").asText()).contains("queue 770 Orders (agent)");

        assertThat(admin.delete("/api/v1/ring-groups/671").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/queues/770").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/users/854").status()).isEqualTo(204);
    }

    @Test
    void statsSayTheDaysFiguresAndWhoWaitsNow() {
        user("855");
        assertThat(admin.post("/api/v1/queues", "{\"number\":\"780\",\"name\":\"Stats\",\"members\":[\"855\"],"
                + "\"serviceLevelSeconds\":30}").status()).isEqualTo(201);
        Response stats = admin.get("/api/v1/queues/780/stats");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        JsonNode s = stats.json();
        assertThat(s.get("offered").asLong()).isZero();
        assertThat(s.get("answered").asLong()).isZero();
        assertThat(s.get("abandoned").asLong()).isZero();
        assertThat(s.get("serviceLevelPercent").asDouble()).isEqualTo(100.0);
        assertThat(s.get("serviceLevelSeconds").asInt()).isEqualTo(30);
        assertThat(s.get("waiting").size()).isZero();
        assertThat(s.get("longestWaitSeconds").asLong()).isZero();
        assertThat(s.get("agents").get(0).get("extension").asText()).isEqualTo("855");
        assertThat(s.get("agents").get(0).get("state").asText()).as("no phone registered").isEqualTo("UNAVAILABLE");
        assertThat(admin.get("/api/v1/queues/780/stats?date=2026-01-31").json().get("date").asText()).isEqualTo("2026-01-31");
        Response badDate = admin.get("/api/v1/queues/780/stats?date=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("fields").get("date").asText()).contains("YYYY-MM-DD");
        assertThat(admin.get("/api/v1/queues/789/stats").status()).isEqualTo(404);
        assertThat(admin.delete("/api/v1/queues/780").status()).isEqualTo(204);
    }
}
