package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * Voicemail over the REST API ({@code /api/v1/voicemail}) and the SMTP test endpoint; messages are
 * deposited through the service (the call flow that records them is built on the media engine). Run per
 * database by its subclasses; each test uses its own extensions.
 */
abstract class VoicemailApiContract extends ApiTestBase {

    @Autowired
    VoicemailStore store;

    @Autowired
    VoicemailBoxes boxes;

    @Autowired
    ApplianceSetup setup;

    @TempDir
    Path tmp;

    private void user(String extension, String email) {
        assertThat(admin.post("/api/v1/users", user(extension, "User " + extension, "s3cret-" + extension, email))
                        .status())
                .isEqualTo(201);
    }

    private Path wav(int samples) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(36 + samples * 2)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(16000)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(samples * 2);
        for (int i = 0; i < samples; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000)));
        return Files.write(tmp.resolve("rec-" + samples + ".wav"), b.array());
    }

    @Test
    void aBoxIsReadAndChangedAndItsPinIsWriteOnly() {
        user("9701", "u9701@example.com");
        JsonNode box = admin.get("/api/v1/voicemail/9701").json();
        assertThat(box.get("enabled").asBoolean()).isTrue();
        assertThat(box.get("pinSet").asBoolean()).isFalse();
        assertThat(box.get("greeting").asText()).isEqualTo("DEFAULT");
        assertThat(box.get("email").asText()).isEqualTo("u9701@example.com");
        assertThat(box.get("newMessages").asInt()).isZero();
        assertThat(admin.get("/api/v1/voicemail").json().findValuesAsText("extension"))
                .contains("9701");

        Response bad =
                admin.put("/api/v1/voicemail/9701", "{\"pin\":\"12\",\"maxMessageSeconds\":9999,\"greeting\":\"x\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("pin").asText()).contains("4 to 10 digits");
        assertThat(bad.json().get("fields").has("maxMessageSeconds")).isTrue();
        assertThat(bad.json().get("fields").has("greeting")).isTrue();
        assertNoStackTrace(bad);

        Response changed = admin.put(
                "/api/v1/voicemail/9701",
                "{\"greeting\":\"unavailable\",\"maxMessageSeconds\":60,\"deleteAfterEmail\":true,\"pin\":\"2468\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain("2468").doesNotContain("$2a$");
        assertThat(changed.json().get("greeting").asText()).isEqualTo("UNAVAILABLE");
        assertThat(changed.json().get("maxMessageSeconds").asInt()).isEqualTo(60);
        assertThat(changed.json().get("deleteAfterEmail").asBoolean()).isTrue();
        assertThat(changed.json().get("enabled").asBoolean()).isTrue();
        assertThat(changed.json().get("pinSet").asBoolean()).isTrue();
        assertThat(boxes.pinMatches("9701", "2468")).isTrue();
        assertThat(changed.json().get("pinSkipOwnPhone").asBoolean())
                .as("off by default")
                .isFalse();
        Response skip = admin.put("/api/v1/voicemail/9701", "{\"pinSkipOwnPhone\":true}");
        assertThat(skip.json().get("pinSkipOwnPhone").asBoolean()).isTrue();
        assertThat(skip.json().get("greeting").asText()).as("the rest kept").isEqualTo("UNAVAILABLE");
        assertThat(boxes.find("9701").orElseThrow().pinSkipOwnPhone()).isTrue();

        assertThat(admin.put("/api/v1/voicemail/9701/pin", "{\"pin\":\"13579\"}")
                        .status())
                .isEqualTo(204);
        assertThat(boxes.pinMatches("9701", "13579")).isTrue();
        Response badPin = admin.put("/api/v1/voicemail/9701/pin", "{\"pin\":\"abcd\"}");
        assertThat(badPin.status()).isEqualTo(400);
        assertThat(badPin.json().get("fields").get("pin").asText()).contains("digits");
        assertThat(admin.get("/api/v1/voicemail/9701").body()).doesNotContain("13579");

        assertThat(admin.get("/api/v1/voicemail/9799").status()).isEqualTo(404);
        assertThat(admin.put("/api/v1/voicemail/9799/pin", "{\"pin\":\"1234\"}").status())
                .isEqualTo(404);
        assertThat(anonymous.get("/api/v1/voicemail/9701").status()).isEqualTo(401);
    }

    @Test
    void messagesAreListedReadDownloadedMovedAndDeleted() throws Exception {
        user("9702", null);
        user("9703", null);
        Path audio = wav(8000);
        VoicemailMessage first = store.deposit("9702", "9703", "User 9703", audio, Duration.ofSeconds(1));
        VoicemailMessage second = store.deposit("9702", null, null, wav(4000), Duration.ofMillis(500));

        JsonNode list = admin.get("/api/v1/voicemail/9702/messages").json();
        assertThat(list.findValuesAsText("id")).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(admin.get("/api/v1/voicemail/9702").json().get("newMessages").asInt())
                .isEqualTo(2);

        JsonNode one =
                admin.get("/api/v1/voicemail/9702/messages/" + first.id()).json();
        assertThat(one.get("caller").asText()).isEqualTo("9703");
        assertThat(one.get("callerName").asText()).isEqualTo("User 9703");
        assertThat(one.get("folder").asText()).isEqualTo("new");
        assertThat(one.get("durationSeconds").asDouble()).isEqualTo(1.0);
        assertThat(one.get("audioBytes").asLong()).isEqualTo(Files.size(audio));
        assertThat(one.has("email")).isFalse(); // user 9702 has no e-mail address (absent fields are unknown)

        HttpResponse<byte[]> wav = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + one.get("audioUrl").asText()))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(("admin:" + ADMIN_PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wav.statusCode()).isEqualTo(200);
        assertThat(wav.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));
        assertThat(wav.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        assertThat(wav.body()).isEqualTo(Files.readAllBytes(audio));

        Response moved = admin.put("/api/v1/voicemail/9702/messages/" + first.id(), "{\"folder\":\"saved\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("folder").asText()).isEqualTo("saved");
        assertThat(admin.get("/api/v1/voicemail/9702/messages?folder=saved")
                        .json()
                        .findValuesAsText("id"))
                .containsExactly(first.id());
        assertThat(admin.get("/api/v1/voicemail/9702/messages?folder=NEW")
                        .json()
                        .findValuesAsText("id"))
                .containsExactly(second.id());
        Response badFolder = admin.get("/api/v1/voicemail/9702/messages?folder=trash");
        assertThat(badFolder.status()).isEqualTo(400);
        assertThat(badFolder.json().get("fields").get("folder").asText()).contains("new or saved");
        assertThat(admin.put("/api/v1/voicemail/9702/messages/" + first.id(), "{\"folder\":\"trash\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/voicemail/9702")
                        .json()
                        .get("savedMessages")
                        .asInt())
                .isEqualTo(1);

        // a message is only reachable through its own box
        assertThat(admin.get("/api/v1/voicemail/9703/messages/" + first.id()).status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/v1/voicemail/9703/messages/" + first.id()).status())
                .isEqualTo(404);

        assertThat(admin.delete("/api/v1/voicemail/9702/messages/" + first.id()).status())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/voicemail/9702/messages/" + first.id()).status())
                .isEqualTo(404);
        assertThat(admin.get("/api/v1/voicemail/9702/messages/" + first.id() + "/audio")
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/v1/voicemail/9702/messages/" + first.id()).status())
                .isEqualTo(404);
        assertThat(admin.get("/api/v1/voicemail/9702/messages").json().findValuesAsText("id"))
                .containsExactly(second.id());
        assertThat(admin.get("/api/v1/voicemail/9799/messages").status()).isEqualTo(404);
    }

    @Test
    void operatorsMayReadBoxesAndMessagesButChangeNothing() throws Exception {
        user("9705", null);
        VoicemailMessage m = store.deposit("9705", "9701", null, wav(800), Duration.ofMillis(100));
        if (accounts.find("vm-reader").isEmpty())
            accounts.create("vm-reader", "reader-secret", AdminRole.OPERATOR, false);
        ApiClient operator = anonymous.as("vm-reader", "reader-secret");
        assertThat(operator.get("/api/v1/voicemail/9705").status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/voicemail/9705/messages/" + m.id()).status())
                .isEqualTo(200);
        assertThat(operator.put("/api/v1/voicemail/9705/pin", "{\"pin\":\"1234\"}")
                        .status())
                .isEqualTo(403);
        assertThat(operator.put("/api/v1/voicemail/9705", "{\"enabled\":false}").status())
                .isEqualTo(403);
        assertThat(operator.delete("/api/v1/voicemail/9705/messages/" + m.id()).status())
                .isEqualTo(403);
        assertThat(operator.post("/api/v1/settings/smtp/test", "{\"to\":\"a@example.com\"}")
                        .status())
                .isEqualTo(403);
        assertThat(store.find(m.id())).isPresent();
        assertThat(boxes.find("9705").orElseThrow().pinSet()).isFalse();
    }

    @Test
    void theSmtpTestReportsTheServersAnswerAndMessagesShowTheirEmailStatus() throws Exception {
        Response none = admin.post("/api/v1/settings/smtp/test", "{\"to\":\"nobody\"}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("fields").has("to")).isTrue();

        int smtpPort = FreePorts.udpAndTcp();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            setup.save(new SetupSettings(
                    DOMAIN, "UTC", null, "127.0.0.1", smtpPort, null, null, "pbx@example.com", false, false));
            Response sent = admin.post("/api/v1/settings/smtp/test", "{\"to\":\"admin@example.com\"}");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(sent.json().get("sent").asBoolean()).isTrue();
            assertThat(sent.json().get("serverAnswer").asText()).startsWith("250");
            assertThat(mail.getReceivedMessages()).hasSize(1);

            user("9704", "u9704@example.com");
            VoicemailMessage m = store.deposit("9704", "9701", null, wav(800), Duration.ofMillis(100));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "SENT"
                            .equals(admin.get("/api/v1/voicemail/9704/messages/" + m.id())
                                    .json()
                                    .get("email")
                                    .get("status")
                                    .asText()));
            JsonNode email = admin.get("/api/v1/voicemail/9704/messages/" + m.id())
                    .json()
                    .get("email");
            assertThat(email.get("recipient").asText()).isEqualTo("u9704@example.com");
            assertThat(email.get("lastAnswer").asText()).startsWith("250");
            assertThat(email.get("attempts").asInt()).isEqualTo(1);
        } finally {
            mail.stop();
        }
        Response down = admin.post("/api/v1/settings/smtp/test", "{\"to\":\"admin@example.com\"}");
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.json().get("sent").asBoolean()).isFalse();
        assertThat(down.json().get("serverAnswer").asText()).containsIgnoringCase("connect");
    }
}
