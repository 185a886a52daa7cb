package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi.Reply;

/**
 * A call queue of the built appliance with SIPp phones (issue 18): two agents, three callers. The callers wait in the
 * order they called (the stats API lists them so); the third gives up and is counted abandoned; the first agent to
 * register takes the first caller, talks and hangs up; while that agent is in wrap-up the second caller keeps waiting
 * though the agent is registered and idle otherwise, and the second agent, once registered, takes that caller. The
 * audio (music, position, the bridge) is checked with real RTP in pbx-core's QueueCallIT.
 */
class QueueIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension().asPackaged(); // prompts read from inside the jar

    private static final String PASSWORD = "Queue-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : List.of("301", "302", "303", "311", "312")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            tandem.api().voicemailOff(ext);
        }
        Reply created = tandem.api().send("POST", "/api/v1/queues", "{\"number\":\"740\",\"name\":\"Help desk\","
                + "\"strategy\":\"RINGALL\",\"members\":[\"311\",\"312\"],\"wrapUpSeconds\":12,\"announceSeconds\":5,"
                + "\"maxWaitSeconds\":0}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static Sipp.Running caller(String ext, String file) {
        return tandem.sipp("queue", file).service(ext).credentials(ext, PASSWORD).key("callee", "740")
                .arg("-rtp_echo").timeout(Duration.ofSeconds(90)).start();
    }

    /** An agent's phone that answers up to {@code calls} queue calls (each: 3 s talk, then BYE). */
    private static Sipp.Running agent(String ext, int calls) {
        int port = FreePorts.udpAndTcp();
        tandem.register(ext, PASSWORD, port, Transport.UDP);
        return tandem.sipp("queue", "uas-agent.xml").localPort(port).service(ext).calls(calls).arg("-rtp_echo")
                .timeout(Duration.ofSeconds(60)).start().awaitListening(port, Transport.UDP);
    }

    private static JsonNode stats() {
        Reply r = tandem.api().send("GET", "/api/v1/queues/740/stats", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> waiting() {
        List<String> out = new ArrayList<>();
        stats().get("waiting").forEach(w -> out.add(w.get("callerNumber").asText()));
        return out;
    }

    private static String agentState(String ext) {
        for (JsonNode a : stats().get("agents")) {
            if (a.get("extension").asText().equals(ext)) return a.get("state").asText();
        }
        return null;
    }

    private static JsonNode record(String callerExtension) {
        Reply r = tandem.api().send("GET", "/api/v1/cdrs?extension=" + callerExtension, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode c : r.json().get("items")) {
            if (callerExtension.equals(c.path("callerExtension").asText()) && !c.path("queue").isMissingNode()
                    && !c.path("queue").isNull()) {
                return c.get("queue");
            }
        }
        return null;
    }

    @Test
    void twoAgentsThreeCallersInOrderOneAbandonedAndAnAgentInWrapUpSkipped() {
        Sipp.Running first = caller("301", "uac-waits.xml");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().equals(List.of("301")));
        Sipp.Running second = caller("302", "uac-waits.xml");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().equals(List.of("301", "302")));
        Sipp.Running third = caller("303", "uac-abandons.xml");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().equals(List.of("301", "302", "303")));
        assertThat(stats().get("waiting").findValuesAsText("position")).containsExactly("1", "2", "3");
        assertThat(stats().get("longestWaitSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(agentState("311")).isEqualTo("UNAVAILABLE");

        // the third caller gives up after 8 s: gone from the line and counted abandoned
        third.await().assertSuccess();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().equals(List.of("301", "302")));
        await().atMost(Duration.ofSeconds(10)).until(() -> stats().get("abandoned").asLong() == 1);

        // agent 311 registers: the first caller (not the second) is connected to it; it talks 3 s and hangs up.
        // Its phone would answer a second queue call at once
        Sipp.Running agent311 = agent("311", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().equals(List.of("302")));
        first.await().assertSuccess(); // its call ended with the agent's BYE
        assertThat(agentState("311")).as("311 is in wrap-up (12 s)").isEqualTo("WRAP_UP");
        // 311 is registered, in no call and answering, but in wrap-up: the second caller is not offered to it
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> waiting().equals(List.of("302")));

        Sipp.Running agent312 = agent("312", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().isEmpty());
        assertThat(agentState("311")).as("still in wrap-up when 312 took the call").isEqualTo("WRAP_UP");
        agent312.await().assertSuccess();
        second.await().assertSuccess();
        agent311.kill(); // it answered one call; the second never came

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode s = stats();
            assertThat(s.get("offered").asLong()).isEqualTo(3);
            assertThat(s.get("answered").asLong()).isEqualTo(2);
            assertThat(s.get("abandoned").asLong()).isEqualTo(1);
            assertThat(s.get("averageWaitSeconds").asDouble()).isGreaterThan(5.0);
            assertThat(s.get("agentFigures").findValuesAsText("extension")).containsExactly("311", "312");
        });
        JsonNode q301 = record("301");
        assertThat(q301).as("the first caller's call record").isNotNull();
        assertThat(q301.get("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(q301.get("agent").asText()).isEqualTo("311");
        assertThat(record("302").get("agent").asText()).isEqualTo("312");
        assertThat(record("303").get("outcome").asText()).isEqualTo("ABANDONED");
    }
}
