package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.TandemApi.Reply;
import org.tandem.pbx.testsupport.MediaPhone;

/**
 * Voicemail of the built appliance with a third-party caller: SIPp calls an unregistered extension, whose
 * box answers; SIPp skips the greeting with an RFC 4733 '#' and speaks 7 s from sip-tester's g711a.pcap.
 * The box then holds one message of that length (the API shows it); a kill -9 while a message is being
 * recorded leaves no row and no partial file, and the restarted appliance takes the next message. A German user's
 * menu counts the messages in German, with the German prompt files in German order.
 */
class VoicemailIT {

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension().asPackaged(); // prompts read from inside the packaged jar

    private static final String PASSWORD = "Voicemail-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : List.of("501", "502", "503")) tandem.api().createUser(ext, "User " + ext, PASSWORD);
    }

    private static Sipp leaveMessage(String from, String box) {
        return tandem.sipp("voicemail-deposit", "uac.xml").service(from).credentials(from, PASSWORD).key("callee", box)
                .arg("-mp", Integer.toString(FreePorts.mediaBlock())).timeout(Duration.ofSeconds(40));
    }

    private static List<JsonNode> messages(String box) {
        Reply r = tandem.api().send("GET", "/api/v1/voicemail/" + box + "/messages", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    @Test
    void anUnregisteredUsersBoxTakesTheCallersMessage() throws Exception {
        leaveMessage("501", "502").runAndAssertSuccess();
        awaitMessages("502", 1);
        JsonNode m = messages("502").get(0);
        assertThat(m.get("caller").asText()).isEqualTo("501");
        assertThat(m.get("folder").asText()).isEqualTo("new");
        // the 7 s of speech, give or take the moments around the beep and the BYE
        assertThat(m.get("durationSeconds").asDouble()).isBetween(6.0, 9.0);
        assertThat(m.get("audioBytes").asLong()).isGreaterThan(6L * 16000);
        JsonNode box = tandem.api().send("GET", "/api/v1/voicemail/502", null).json();
        assertThat(box.get("newMessages").asInt()).isEqualTo(1);
    }

    @Test
    void aKillDashNineWhileRecordingLeavesNothingAndTheRestartedApplianceTakesTheNextMessage() throws Exception {
        Sipp.Running caller = leaveMessage("501", "503").start();
        // answered, '#', beep: the message is being recorded now (the appliance's metrics say so)
        await("a recording in progress").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> recordingsInProgress() > 0);
        tandem.process().kill9();
        caller.kill();
        tandem.process().start();

        assertThat(messages("503")).as("no message row without its audio").isEmpty();
        Path box = tandem.process().workDir().resolve("data").resolve("voicemail").resolve("503");
        if (Files.isDirectory(box)) {
            try (Stream<Path> files = Files.list(box)) {
                assertThat(files.toList()).as("no partial audio in " + box).isEmpty();
            }
        }
        Path spool = tandem.process().workDir().resolve("data").resolve("spool").resolve("recordings");
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.toList()).as("the unfinished recording is cleared at start").isEmpty();
        }
        leaveMessage("501", "503").runAndAssertSuccess();
        awaitMessages("503", 1);
    }

    /**
     * Issue 18: box 504's owner speaks German. After 21 messages, *97 from the owner's phone (no PIN set yet) says
     * "Sie haben einundzwanzig neue Nachrichten": the German prompt files one after the other in that order (ein, und,
     * zwanzig: units before tens), then the German main menu; the English "You have" is not heard.
     */
    @Test
    void aGermanUsersMenuSaysEinundzwanzigNeueNachrichten() throws Exception {
        tandem.api().createUser("504", "Dora", PASSWORD);
        Reply german = tandem.api().send("PUT", "/api/v1/users/504", "{\"displayName\":\"Dora\",\"language\":\"de\"}");
        assertThat(german.status()).as(german.body()).isEqualTo(200);
        leaveMessage("501", "504").calls(21).limit(7).timeout(Duration.ofSeconds(150)).runAndAssertSuccess();
        awaitMessages("504", 21);

        try (MediaPhone owner = MediaPhone.of(tandem.process().sipPort(), tandem.process().domain(), "504", PASSWORD)) {
            owner.dial("*97");
            owner.awaitPromptsInOrder("de", Duration.ofSeconds(30), "vm-you-have", "num-ein", "num-und", "num-20",
                    "vm-new-messages", "vm-main-menu");
            assertThat(owner.heardPrompt("en", "vm-you-have")).as("no English").isFalse();
            owner.hangUp();
        }
    }

    /** {@code tandem_media_recordings} on the appliance's Prometheus endpoint. */
    private static double recordingsInProgress() {
        Reply r = tandem.api().getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body().lines().filter(l -> l.startsWith("tandem_media_recordings ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip())).orElseThrow();
    }

    private static void awaitMessages(String box, int n) {
        await(n + " messages in box " + box).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(messages(box)).hasSize(n));
    }
}
