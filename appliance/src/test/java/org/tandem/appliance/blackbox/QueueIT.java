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
 * audio (music, position, the bridge) is checked with real RTP in pbx-core's QueueCallIT. A second queue's only agent
 * is paused and skipped though its phone answers, a caller leaves that line by the leave key for a voicemail box, and
 * the Prometheus endpoint counts the queue's callers.
 */
class QueueIT {

    @RegisterExtension
    // own appliance: 11 users: the shared ones stay under 50 (see TandemExtension)
    static final TandemExtension tandem = new TandemExtension().asPackaged(); // prompts read from inside the jar

    private static final String PASSWORD = "Queue-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : List.of("301", "302", "303", "304", "305", "306", "311", "312", "313", "314", "315")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            if (!ext.equals("314")) tandem.api().voicemailOff(ext); // 314's box takes queue 741's leave key
        }
        Reply created = tandem.api()
                .send(
                        "POST",
                        "/api/v1/queues",
                        "{\"number\":\"740\",\"name\":\"Help desk\","
                                + "\"strategy\":\"RINGALL\",\"members\":[\"311\",\"312\"],\"wrapUpSeconds\":12,\"announceSeconds\":5,"
                                + "\"maxWaitSeconds\":0}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply withKey = tandem.api()
                .send(
                        "POST",
                        "/api/v1/queues",
                        "{\"number\":\"741\",\"name\":\"Orders\","
                                + "\"members\":[\"313\"],\"announceSeconds\":0,\"maxWaitSeconds\":0,\"leaveKey\":\"1\","
                                + "\"leaveDestination\":\"voicemail:314\"}");
        assertThat(withKey.status()).as(withKey.body()).isEqualTo(201);
        // 742 lets nobody in while no agent can take its calls; those callers go on to 743, which has no agents
        Reply overflow = tandem.api()
                .send(
                        "POST",
                        "/api/v1/queues",
                        "{\"number\":\"743\",\"name\":\"Overflow\","
                                + "\"members\":[],\"announceSeconds\":0,\"maxWaitSeconds\":0}");
        assertThat(overflow.status()).as(overflow.body()).isEqualTo(201);
        Reply closed = tandem.api()
                .send(
                        "POST",
                        "/api/v1/queues",
                        "{\"number\":\"742\",\"name\":\"Closed\","
                                + "\"members\":[\"315\"],\"announceSeconds\":0,\"maxWaitSeconds\":0,\"joinEmpty\":false,"
                                + "\"fallback\":\"queue:743\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
    }

    private static Sipp.Running caller(String ext, String file) {
        return tandem.sipp("queue", file)
                .service(ext)
                .credentials(ext, PASSWORD)
                .key("callee", "740")
                .arg("-rtp_echo")
                .timeout(Duration.ofSeconds(90))
                .start();
    }

    /** An agent's phone that answers up to {@code calls} queue calls (each: 3 s talk, then BYE). */
    private static Sipp.Running agent(String ext, int calls) {
        int port = FreePorts.udpAndTcp();
        tandem.register(ext, PASSWORD, port, Transport.UDP);
        return tandem.sipp("queue", "uas-agent.xml")
                .localPort(port)
                .service(ext)
                .calls(calls)
                .arg("-rtp_echo")
                .timeout(Duration.ofSeconds(60))
                .start()
                .awaitListening(port, Transport.UDP);
    }

    private static JsonNode stats() {
        return stats("740");
    }

    private static JsonNode stats(String queue) {
        Reply r = tandem.api().send("GET", "/api/v1/queues/" + queue + "/stats", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> waiting() {
        return waiting("740");
    }

    private static List<String> waiting(String queue) {
        List<String> out = new ArrayList<>();
        stats(queue).get("waiting").forEach(w -> out.add(w.get("callerNumber").asText()));
        return out;
    }

    private static String agentState(String ext) {
        return agent("740", ext).get("state").asText();
    }

    private static JsonNode agent(String queue, String ext) {
        for (JsonNode a : stats(queue).get("agents")) {
            if (a.get("extension").asText().equals(ext)) return a;
        }
        throw new AssertionError("no agent " + ext + " in queue " + queue);
    }

    /** The value of {@code tandem_queue_<name>{queue="<queue>",<labels>}} on the Prometheus endpoint. */
    private static double metric(String name, String queue, String... labels) {
        Reply r = tandem.api().getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith("tandem_queue_" + name + "{")
                        && l.contains("queue=\"" + queue + "\"")
                        && java.util.Arrays.stream(labels).allMatch(l::contains))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1).strip()))
                .orElseThrow(() -> new AssertionError("no tandem_queue_" + name + " for queue " + queue));
    }

    private static JsonNode record(String callerExtension) {
        Reply r = tandem.api().send("GET", "/api/v1/cdrs?extension=" + callerExtension, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode c : r.json().get("items")) {
            if (callerExtension.equals(c.path("callerExtension").asText())
                    && !c.path("queue").isMissingNode()
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
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stats().get("abandoned").asLong() == 1);

        // agent 311 registers: the first caller (not the second) is connected to it; it talks 3 s and hangs up.
        // Its phone would answer a second queue call at once
        Sipp.Running agent311 = agent("311", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().equals(List.of("302")));
        first.await().assertSuccess(); // its call ended with the agent's BYE
        assertThat(agentState("311")).as("311 is in wrap-up (12 s)").isEqualTo("WRAP_UP");
        // 311 is registered, in no call and answering, but in wrap-up: the second caller is not offered to it
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(7))
                .until(() -> waiting().equals(List.of("302")));

        Sipp.Running agent312 = agent("312", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting().isEmpty());
        assertThat(agentState("311"))
                .as("still in wrap-up when 312 took the call")
                .isEqualTo("WRAP_UP");
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

    /**
     * Issue 18, join-empty: queue 742 lets nobody in while no agent can take its calls, and its only agent (315) has no
     * phone registered: the SIPp caller goes at once to the fallback, queue 743, where it waits (742 never lists it)
     * until it gives up: 743 counts it offered and abandoned, and so does the call record (a caller sent on from one
     * queue to another keeps the last queue's outcome).
     */
    @Test
    void aQueueThatAdmitsNobodyWithoutAgentsSendsTheCallerToItsFallbackAtOnce() {
        assertThat(agent("742", "315").get("state").asText()).isEqualTo("UNAVAILABLE");
        Sipp.Running caller = tandem.sipp("queue", "uac-abandons.xml")
                .service("306")
                .credentials("306", PASSWORD)
                .key("callee", "742")
                .arg("-rtp_echo")
                .timeout(Duration.ofSeconds(60))
                .start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting("743").equals(List.of("306")));
        assertThat(waiting("742")).isEmpty();
        caller.await().assertSuccess(); // waited 8 s in 743, then hung up
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode overflow = stats("743");
            assertThat(overflow.get("offered").asLong()).isEqualTo(1);
            assertThat(overflow.get("abandoned").asLong()).isEqualTo(1);
        });
        assertThat(stats("742").get("answered").asLong()).isZero();
        JsonNode q306 = record("306");
        assertThat(q306).as("the caller's call record").isNotNull();
        assertThat(q306.get("queue").asText()).isEqualTo("743");
        assertThat(q306.get("outcome").asText()).isEqualTo("ABANDONED");
    }

    /**
     * Queue 741's only agent is paused (API, reason "lunch"): the caller waits though the agent's phone is registered
     * and answers at once, presses the leave key '1' and leaves a message in box 314 (the queue's leave destination);
     * the call record says LEFT_BY_KEY. Resumed, the agent takes the next caller. The Prometheus endpoint counts both.
     */
    @Test
    void aPausedAgentIsSkippedAndTheLeaveKeyLeadsToVoicemail() {
        Sipp.Running agent313 = agent("313", 1);
        Reply paused = tandem.api()
                .send("PUT", "/api/v1/queues/741/agents/313", "{\"state\":\"PAUSED\",\"reason\":\"lunch\"}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(agent("741", "313").get("state").asText()).isEqualTo("PAUSED");
        assertThat(agent("741", "313").get("pausedReason").asText()).isEqualTo("lunch");

        Sipp.Running leaver = tandem.sipp("queue", "uac-leaves-by-key.xml")
                .service("304")
                .credentials("304", PASSWORD)
                .key("callee", "741")
                .arg("-mp", Integer.toString(FreePorts.mediaBlock()))
                .timeout(Duration.ofSeconds(60))
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting("741").equals(List.of("304")));
        assertThat(metric("waiting", "741")).isEqualTo(1.0);
        assertThat(metric("agents", "741", "state=\"PAUSED\"")).isEqualTo(1.0);
        assertThat(metric("agents", "741", "state=\"IDLE\"")).isZero();
        // registered and answering, but paused: never rung (it would have answered, and the caller been connected)
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> waiting("741").equals(List.of("304")));
        leaver.await().assertSuccess();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Reply messages = tandem.api().send("GET", "/api/v1/voicemail/314/messages", null);
            assertThat(messages.status()).as(messages.body()).isEqualTo(200);
            assertThat(messages.json().size())
                    .as("the caller's message in the leave key's box")
                    .isEqualTo(1);
            assertThat(messages.json().get(0).get("caller").asText()).isEqualTo("304");
        });
        JsonNode left = record("304");
        assertThat(left).as("the leaver's call record").isNotNull();
        assertThat(left.get("outcome").asText()).isEqualTo("LEFT_BY_KEY");
        assertThat(left.path("agent").isNull() || left.path("agent").isMissingNode())
                .isTrue();

        Reply resumed = tandem.api().send("PUT", "/api/v1/queues/741/agents/313", "{\"state\":\"AVAILABLE\"}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        Sipp.Running next = tandem.sipp("queue", "uac-waits.xml")
                .service("305")
                .credentials("305", PASSWORD)
                .key("callee", "741")
                .arg("-rtp_echo")
                .timeout(Duration.ofSeconds(60))
                .start();
        next.await().assertSuccess(); // connected to 313, who talked 3 s and hung up
        agent313.await().assertSuccess();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode s = stats("741");
            assertThat(s.get("offered").asLong()).isEqualTo(2);
            assertThat(s.get("leftByKey").asLong()).isEqualTo(1);
            assertThat(s.get("answered").asLong()).isEqualTo(1);
            assertThat(s.get("abandoned").asLong()).isZero();
            assertThat(metric("offered_total", "741")).isEqualTo(2.0);
            assertThat(metric("answered_total", "741")).isEqualTo(1.0);
        });
        assertThat(record("305").get("agent").asText()).isEqualTo("313");
    }
}
