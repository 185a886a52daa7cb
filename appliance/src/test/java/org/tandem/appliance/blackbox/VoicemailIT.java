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
 * menu counts the messages in German, with the German prompt files in German order. The written kind of message left
 * for an absent user, an instant message kept for an offline user (issue 15), survives a kill -9 right after its 202.
 */
class VoicemailIT {

    @RegisterExtension
    // own appliance: kill -9 and restart, and the packaged jar
    static final TandemExtension tandem =
            new TandemExtension().asPackaged(); // prompts read from inside the packaged jar

    private static final String PASSWORD = "Voicemail-secret-1";

    @BeforeAll
    static void users() {
        for (String ext : List.of("501", "502", "503")) tandem.api().createUser(ext, "User " + ext, PASSWORD);
    }

    private static Sipp leaveMessage(String from, String box) {
        return tandem.sipp("voicemail-deposit", "uac.xml")
                .service(from)
                .credentials(from, PASSWORD)
                .key("callee", box)
                .arg("-mp", Integer.toString(FreePorts.mediaBlock()))
                .timeout(Duration.ofSeconds(40));
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
        await("a recording in progress")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> recordingsInProgress() > 0);
        tandem.process().kill9();
        caller.kill();
        tandem.process().start();

        assertThat(messages("503")).as("no message row without its audio").isEmpty();
        Path box =
                tandem.process().workDir().resolve("data").resolve("voicemail").resolve("503");
        if (Files.isDirectory(box)) {
            try (Stream<Path> files = Files.list(box)) {
                assertThat(files.toList()).as("no partial audio in " + box).isEmpty();
            }
        }
        Path spool = tandem.process().workDir().resolve("data").resolve("spool").resolve("recordings");
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.toList())
                    .as("the unfinished recording is cleared at start")
                    .isEmpty();
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
        // all 21 at once (SIPp starts 10 a second): each message is ~11 s of real-time audio, and three waves of 7 made
        // this the class's longest wait
        leaveMessage("501", "504").calls(21).timeout(Duration.ofSeconds(60)).runAndAssertSuccess();
        awaitMessages("504", 21);

        try (MediaPhone owner =
                MediaPhone.of(tandem.process().sipPort(), tandem.process().domain(), "504", PASSWORD)) {
            owner.dial("*97");
            owner.awaitPromptsInOrder(
                    "de",
                    Duration.ofSeconds(30),
                    "vm-you-have",
                    "num-ein",
                    "num-und",
                    "num-20",
                    "vm-new-messages",
                    "vm-main-menu");
            assertThat(owner.heardPrompt("en", "vm-you-have")).as("no English").isFalse();
            owner.hangUp();
        }
    }

    /**
     * Issue 15: a MESSAGE for a user with no phone registered is answered 202 only once its row is committed, so a
     * kill -9 right after the 202 loses nothing: the restarted appliance (same data dir) hands it to the user's phone
     * as soon as it registers, from the original sender.
     */
    @Test
    void anInstantMessageForAnOfflineUserSurvivesAKillDashNineRightAfterIts202() {
        tandem.api().createUser("505", "Ida Sender", PASSWORD);
        tandem.api().createUser("506", "Jan Offline", PASSWORD);
        String text = "Kept across kill -9: ruf mich an";
        // the scenario ends on the 202 Accepted (RFC 3428 §7: stored for later delivery)
        tandem.sipp("message", "uac.xml")
                .service("505")
                .credentials("505", PASSWORD)
                .key("to", "506")
                .key("text", text)
                .timeout(Duration.ofSeconds(20))
                .runAndAssertSuccess();
        tandem.process().kill9();
        tandem.process().start();

        try (RawSip phone = RawSip.open("UDP", tandem.process().sipPort())) {
            String callId = "im-kill9-" + System.nanoTime();
            String uri = "sip:127.0.0.1:" + phone.serverPort();
            phone.send(phone.register(tandem.process().domain(), "506", callId, 1, null));
            SipText challenge = phone.collect(m -> m.isResponse() && m.status() == 401, Duration.ofSeconds(5)).stream()
                    .filter(m -> m.isResponse() && m.status() == 401)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no 401 to 506's REGISTER"));
            phone.send(phone.register(
                    tandem.process().domain(),
                    "506",
                    callId,
                    2,
                    Digest.authorization(challenge.header("www-authenticate"), "506", PASSWORD, "REGISTER", uri)));
            // the 200 to the REGISTER and the stored MESSAGE, in whatever order they come
            List<SipText> got = new java.util.ArrayList<>();
            await("506 registered and given the stored message")
                    .atMost(Duration.ofSeconds(15))
                    .pollDelay(Duration.ZERO)
                    .until(() -> {
                        got.addAll(phone.collect(
                                m -> !m.isResponse() && "MESSAGE".equals(m.method()), Duration.ofMillis(500)));
                        return got.stream().anyMatch(m -> !m.isResponse() && "MESSAGE".equals(m.method()));
                    });
            assertThat(got)
                    .as("506's REGISTER answered")
                    .anyMatch(m ->
                            m.isResponse() && m.status() == 200 && m.method().equals("REGISTER"));
            SipText message = got.stream()
                    .filter(m -> !m.isResponse() && "MESSAGE".equals(m.method()))
                    .findFirst()
                    .orElseThrow();
            assertThat(message.body().strip()).isEqualTo(text);
            assertThat(message.header("from")).contains("sip:505@");
            phone.send(ok(message));
        }
    }

    /** The phone's 200 to {@code request} (RFC 3261 §8.2.6: its Vias, From, Call-ID and CSeq, a To tag). */
    private static String ok(SipText request) {
        StringBuilder r = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String via : request.all("via")) r.append("Via: ").append(via).append("\r\n");
        return r.append("From: ")
                .append(request.header("from"))
                .append("\r\n")
                .append("To: ")
                .append(request.header("to"))
                .append(";tag=phone506\r\n")
                .append("Call-ID: ")
                .append(request.callId())
                .append("\r\n")
                .append("CSeq: ")
                .append(request.header("cseq"))
                .append("\r\n")
                .append("Content-Length: 0\r\n\r\n")
                .toString();
    }

    /** {@code tandem_media_recordings} on the appliance's Prometheus endpoint. */
    private static double recordingsInProgress() {
        Reply r = tandem.api().getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith("tandem_media_recordings "))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip()))
                .orElseThrow();
    }

    private static void awaitMessages(String box, int n) {
        await(n + " messages in box " + box)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(messages(box)).hasSize(n));
    }
}
