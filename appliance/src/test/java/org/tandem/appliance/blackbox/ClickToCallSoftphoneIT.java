package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Click-to-call through the REST API with real softphones (issue 15): {@code POST /api/v1/calls} rings baresip 611;
 * when it is answered the appliance REFERs it to 612, baresip calls 612 itself, 612 answers, and the API reports
 * CONNECTED while audio flows between the two phones. Bad requests get 400 by field, a user without a phone 409.
 */
class ClickToCallSoftphoneIT {

    @RegisterExtension
    // numbers (611-613) of its own; baresip gets MD5 alone by default (BaresipDigestIT), media on loopback as shared
    static final TandemExtension tandem = TandemExtension.shared();

    private static final String PASSWORD = "Click-secret-1";
    private static final Duration SIGNALLING = Duration.ofSeconds(10);

    @BeforeAll
    static void users() {
        for (String ext : new String[] {"611", "612", "613"}) {
            tandem.api().createUser(ext, "Phone " + ext, PASSWORD);
        }
    }

    @Test
    void theApiRingsTheUsersPhoneWhichThenCallsTheTarget() {
        try (Baresip desk = Baresip.start(tandem.process(), "611", PASSWORD, "udp");
                Baresip colleague = Baresip.start(tandem.process(), "612", PASSWORD, "udp")) {
            Awaitility.await("611 and 612 registered")
                    .atMost(SIGNALLING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !tandem.api().registrationsOf("611").isEmpty()
                            && !tandem.api().registrationsOf("612").isEmpty());
            TandemApi.Reply started = tandem.api().send("POST", "/api/v1/calls", "{\"from\":\"611\",\"to\":\"612\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String id = started.json().get("id").asText();
            assertThat(started.json().get("state").asText()).isEqualTo("RINGING");

            JsonNode ringing = desk.awaitEvent("CALL_INCOMING", SIGNALLING);
            assertThat(ringing.toString()).contains("Call 612");
            desk.command("accept", null);
            // the REFER: baresip calls 612 itself
            colleague.awaitEvent("CALL_INCOMING", SIGNALLING);
            colleague.command("accept", null);
            colleague.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            Awaitility.await("the API says CONNECTED")
                    .atMost(SIGNALLING)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> "CONNECTED".equals(status(id).get("state").asText()));
            Awaitility.await("audio between 611 and 612")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        assertThat(colleague.rtp().received())
                                .as(colleague.rtp().report())
                                .isGreaterThanOrEqualTo(50);
                        assertThat(desk.rtp().received())
                                .as(desk.rtp().report())
                                .isGreaterThanOrEqualTo(50);
                    });
            colleague.command("hangup", null);
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        TandemApi.Reply noPhone = tandem.api().send("POST", "/api/v1/calls", "{\"from\":\"613\",\"to\":\"612\"}");
        assertThat(noPhone.status()).isEqualTo(409);
        assertThat(noPhone.body()).contains("No phone of 613 is registered");
        TandemApi.Reply badTarget = tandem.api().send("POST", "/api/v1/calls", "{\"from\":\"613\",\"to\":\"12<3\"}");
        assertThat(badTarget.status()).isEqualTo(400);
        assertThat(badTarget.json().get("fields").get("to").asText()).contains("digits");
        TandemApi.Reply noUser = tandem.api().send("POST", "/api/v1/calls", "{\"from\":\"699\",\"to\":\"612\"}");
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.json().get("fields").has("from")).isTrue();
        assertThat(tandem.api().send("GET", "/api/v1/calls/no-such-call", null).status())
                .isEqualTo(404);
    }

    private static JsonNode status(String id) {
        return tandem.api()
                .send("GET", "/api/v1/calls/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null)
                .json();
    }
}
