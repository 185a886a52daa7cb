package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi.Reply;

/**
 * Every call scenario leaves exactly one call detail record, read back over the REST API: SIPp
 * calls through the built appliance (callee registered with digest, caller answering 407), then
 * {@code GET /api/v1/cdrs?extension=...} (each test calls its own extension) must show the outcome.
 */
class CdrCallIT {

    /** Short no-answer time so the timeout scenario takes seconds, not 30. */
    @RegisterExtension
    // own appliance: a 3 s INVITE timeout (startup flag) would cut other classes' ringing
    static final TandemExtension tandem = new TandemExtension("--tandem.sip.invite-timeout=3s");

    private static final String PASSWORD = "Cdr-secret-1";
    private static final String CALLER = "251";
    private static final long HELD_MS = 2000;

    @BeforeAll
    static void users() {
        for (String ext : List.of(CALLER, "252", "253", "254", "255", "256", "257", "258")) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            tandem.api().voicemailOff(ext); // call records of what phones answer (busy, no answer), not of voicemail
        }
    }

    private static Sipp caller(String scenario, String callee) {
        return tandem.sipp(scenario, "uac.xml")
                .service(CALLER)
                .credentials(CALLER, PASSWORD)
                .key("callee", callee);
    }

    private static Sipp.Running callee(String extension, String scenario, String file) {
        int port = FreePorts.udpAndTcp();
        tandem.register(extension, PASSWORD, port, Transport.UDP);
        return tandem.sipp(scenario, file)
                .localPort(port)
                .service(extension)
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);
    }

    /** The one finished call record of calls involving {@code extension} (the writer is asynchronous: wait for it). */
    private static JsonNode recordOf(String extension) {
        String path = "/api/v1/cdrs?extension=" + extension;
        Awaitility.await("call record of " + extension)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode items = get(path).get("items");
                    return items.size() == 1 && items.get(0).hasNonNull("endedAt");
                });
        JsonNode page = get(path);
        assertThat(page.get("total").asLong())
                .as("exactly one record per call attempt")
                .isEqualTo(1);
        JsonNode r = page.get("items").get(0);
        assertThat(r.get("callerExtension").asText()).isEqualTo(CALLER);
        assertThat(r.get("dialled").asText()).isEqualTo(extension);
        assertThat(r.get("direction").asText()).isEqualTo("INTERNAL");
        assertThat(r.get("closedAtRestart").asBoolean()).isFalse();
        assertThat(Instant.parse(r.get("endedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(r.get("startedAt").asText()));
        return r;
    }

    private static JsonNode get(String path) {
        Reply reply = tandem.api().send("GET", path, null);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> missedCallIds(String extension) {
        return get("/api/v1/users/" + extension + "/missed-calls").findValuesAsText("callId");
    }

    @Test
    void anAnsweredCallBillsTheTimeItWasHeld() {
        Sipp.Running uas = callee("252", "call", "uas.xml");
        caller("call-held", "252").arg("-d", Long.toString(HELD_MS)).runAndAssertSuccess();
        uas.await().assertSuccess();

        JsonNode r = recordOf("252");

        assertThat(r.get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(200);
        assertThat(r.get("answeredBy").asText()).isEqualTo("252");
        assertThat(r.get("destination").asText()).isEqualTo("extension:252");
        assertThat(r.get("hangupSide").asText()).as("the caller sent the BYE").isEqualTo("CALLER");
        long heldMs = Duration.between(
                        Instant.parse(r.get("answeredAt").asText()),
                        Instant.parse(r.get("endedAt").asText()))
                .toMillis();
        assertThat(heldMs).isBetween(HELD_MS, HELD_MS + 1000);
        assertThat(r.get("billableSeconds").asLong())
                .isEqualTo(Math.round(heldMs / 1000.0))
                .isEqualTo(2);
        assertThat(missedCallIds("252")).isEmpty();
        Reply csv = tandem.api().send("GET", "/api/v1/cdrs.csv?extension=252", null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n"))
                .hasSize(2)
                .satisfies(
                        lines -> assertThat(lines[1]).startsWith(r.get("callId").asText() + ","));
    }

    @Test
    void aBusyCalleeIsBusy() {
        Sipp.Running uas = callee("253", "call-486", "uas.xml");
        caller("call-486", "253").runAndAssertSuccess();
        uas.await().assertSuccess();

        JsonNode r = recordOf("253");

        assertThat(r.get("disposition").asText()).isEqualTo("BUSY");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(486);
        assertThat(r.get("hangupSide").asText()).isEqualTo("CALLEE");
        assertThat(r.get("billableSeconds").asLong()).isZero();
        assertThat(r.has("answeredAt")).isFalse();
        assertThat(missedCallIds("253")).containsExactly(r.get("callId").asText());
    }

    @Test
    void aCallTheCallerCancelsIsCancelled() {
        Sipp.Running uas = callee("254", "cancel", "uas.xml");
        caller("cancel", "254").runAndAssertSuccess();
        uas.await().assertSuccess();

        JsonNode r = recordOf("254");

        assertThat(r.get("disposition").asText()).isEqualTo("CANCELLED");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(487);
        assertThat(r.get("hangupSide").asText()).isEqualTo("CALLER");
        assertThat(r.get("billableSeconds").asLong()).isZero();
        assertThat(missedCallIds("254")).containsExactly(r.get("callId").asText());
    }

    @Test
    void anUnregisteredExtensionIsNoAnswer() {
        caller("call-480", "255").runAndAssertSuccess();

        JsonNode r = recordOf("255");

        assertThat(r.get("disposition").asText()).isEqualTo("NO_ANSWER");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(480);
        assertThat(r.get("hangupSide").asText()).isEqualTo("SYSTEM");
    }

    @Test
    void aCalleeThatRingsOutIsNoAnswer() {
        Sipp.Running uas = callee("256", "cancel", "uas.xml");
        caller("call-408", "256").runAndAssertSuccess();
        uas.await().assertSuccess();

        JsonNode r = recordOf("256");

        assertThat(r.get("disposition").asText()).isEqualTo("NO_ANSWER");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(408);
        assertThat(r.get("hangupSide").asText()).isEqualTo("SYSTEM");
        long rangMs = Duration.between(
                        Instant.parse(r.get("startedAt").asText()),
                        Instant.parse(r.get("endedAt").asText()))
                .toMillis();
        assertThat(rangMs).as("rang for the invite timeout").isBetween(2500L, 10_000L);
        assertThat(missedCallIds("256")).containsExactly(r.get("callId").asText());
    }

    @Test
    void anUnknownExtensionFailedWith404() {
        caller("call-404", "259").runAndAssertSuccess();

        JsonNode r = recordOf("259");

        assertThat(r.get("disposition").asText()).isEqualTo("FAILED");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(404);
        assertThat(r.get("hangupSide").asText()).isEqualTo("SYSTEM");
        assertThat(r.has("answeredBy")).isFalse();
    }

    /** 257 is busy and forwards on busy to 258 (set over the API), which answers: one record, linked to 257. */
    @Test
    void aCallForwardedOnBusyIsOneRecordThatNamesBothExtensions() {
        Reply settings =
                tandem.api().send("PUT", "/api/v1/users/257/call-settings", "{\"forwardBusy\":\"extension:258\"}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        Sipp.Running busy = callee("257", "call-486", "uas.xml");
        Sipp.Running answers = callee("258", "call", "uas.xml");
        caller("call", "257").runAndAssertSuccess();
        busy.await().assertSuccess();
        answers.await().assertSuccess();

        JsonNode r = recordOf("257");

        assertThat(r.get("forwardedFrom").asText()).isEqualTo("257");
        assertThat(r.get("destination").asText()).isEqualTo("extension:258");
        assertThat(r.get("answeredBy").asText()).isEqualTo("258");
        assertThat(r.get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(r.get("sipStatus").asInt()).isEqualTo(200);
        assertThat(get("/api/v1/users/258/calls").findValuesAsText("callId"))
                .containsExactly(r.get("callId").asText());
        assertThat(missedCallIds("257"))
                .as("answered after forwarding: not missed")
                .isEmpty();
    }
}
