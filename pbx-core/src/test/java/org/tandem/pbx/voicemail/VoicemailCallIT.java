package org.tandem.pbx.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.MediaEngine;
import org.tandem.media.MediaProperties;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.testsupport.EveryCallEvent;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.SippRunner;

/**
 * Leaving a voicemail by phone, with real audio: a caller (raw SIP phone + an RTP peer sending PCMU) reaches
 * a box directly or because the user did not answer, was busy, on do-not-disturb or not registered; hears
 * the greeting and the beep (1 kHz, checked in what it receives); its 440 Hz tone is what the stored message
 * contains, for as long as it was sent; the owner gets the e-mail (GreenMail) and the lamp (MWI NOTIFY to a
 * SIPp phone). Hanging up in the greeting and too-short messages leave nothing; a box that is off is skipped. Runs on H2 and MariaDB.
 */
class VoicemailCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static GreenMail smtp;
    static final List<Object> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        // SIPp 3.6 (the MWI phone) answers only MD5 challenges
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.voicemail.mail-poll", "200ms"));
        pbx.bean(CallEvents.class).listen(new EveryCallEvent(events::add));
        int smtpPort = FreePorts.udpAndTcp();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        pbx.bean(ApplianceSetup.class)
                .save(new SetupSettings(
                        PbxTestContext.DOMAIN,
                        "Europe/Berlin",
                        null,
                        "127.0.0.1",
                        smtpPort,
                        null,
                        null,
                        "pbx@example.com",
                        false,
                        false));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("351", "400", "402", "403", "404", "405", "406", "407")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, "u" + ext + "@example.com"));
        }
        pbx.bean(VoicemailBoxes.class).update("351", new VoicemailBoxDraft(null, null, null, null, true, false));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
        if (smtp != null) smtp.stop();
    }

    private static VoicemailStore store() {
        return pbx.bean(VoicemailStore.class);
    }

    private static List<String> summary(String dialled) {
        List<String> out = new ArrayList<>();
        String callId = null;
        for (Object e : events) {
            if (e instanceof org.tandem.pbx.call.CallStarted s && s.dialled().equals(dialled)) callId = s.callId();
        }
        for (Object e : events) {
            if (e instanceof CallRouted r && r.callId().equals(callId)) out.add("routed " + r.destination());
            if (e instanceof CallAnswered a && a.callId().equals(callId)) out.add("answered " + a.answeredBy());
            if (e instanceof CallEnded x && x.callId().equals(callId))
                out.add("ended " + x.disposition() + " " + x.hangupSide());
        }
        return out;
    }

    @Test
    void theCallersToneIsStoredForItsLengthEmailedAndLightsTheOwnersLamp(@TempDir Path work) throws Exception {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        // the owner's phone (the MWI scenario's account is 351) subscribes to its message summary
        // (RFC 3842) and waits for "yes"
        CompletableFuture<SippRunner.Result> lamp = CompletableFuture.supplyAsync(() -> SippRunner.run(
                "/sipp/voicemail/mwi-subscribe/scenario.xml",
                pbx.sipPort(),
                "u1",
                List.of("-s", "351", "-au", "351", "-ap", "secret351", "-key", "domain", PbxTestContext.DOMAIN),
                work));
        await().atMost(Duration.ofSeconds(20)).until(() -> lampSubscribed("351") || lamp.isDone());
        assertThat(lamp).isNotDone();

        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), "400")) {
            // 351 has no phone registered: unavailable, so its box answers
            RawPhone.Leg leg = caller.dial("351").leg();
            caller.awaitBeep(Duration.ofSeconds(20));
            caller.rtp().send(Tones.sine(440, Duration.ofSeconds(3), 8000)).get(10, TimeUnit.SECONDS);
            caller.rtp().sendDigit('#', 120).get(5, TimeUnit.SECONDS); // '#' ends the message
            SipText bye = caller.awaitBye();
            assertThat(bye.header("Reason")).contains("Message saved");
            assertThat(leg.callId).isNotBlank();
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> store().list("351", Folder.NEW).size() == 1);
        VoicemailMessage message = store().list("351", Folder.NEW).get(0);
        assertThat(message.caller()).isEqualTo("400");
        assertThat(message.duration()).isBetween(Duration.ofMillis(2700), Duration.ofMillis(3800));
        short[] stored = Wavs.samples(store().audio(message.id()).orElseThrow());
        // the caller's tone, for (nearly) the whole of its three seconds
        assertThat(Spectrum.toneSamples(stored, 440, 2000)).isGreaterThanOrEqualTo(8000 * 27 / 10);
        // not registered: straight to the box, no ring step
        assertThat(summary("351"))
                .containsExactly("routed voicemail:351", "answered voicemail:351", "ended ANSWERED SYSTEM");

        // e-mailed with the recording attached
        assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("u351@example.com");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        byte[] attached = parts.getBodyPart(1).getInputStream().readAllBytes();
        assertThat(attached)
                .isEqualTo(Files.readAllBytes(store().audio(message.id()).orElseThrow()));

        // and the lamp: SIPp got NOTIFY "Messages-Waiting: yes", refreshed and unsubscribed
        SippRunner.Result result = lamp.get(60, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static List<Path> recordingsInSpool() throws java.io.IOException {
        try (var files = Files.list(pbx.bean(MediaProperties.class).recordingDir())) {
            return files.filter(f -> f.getFileName().toString().startsWith("tandem-rec-"))
                    .toList();
        }
    }

    private static boolean lampSubscribed(String box) {
        return pbx.bean(org.tandem.pbx.voicemail.internal.MessageSummaryNotifier.class)
                        .subscribers(box)
                == 1;
    }

    @Test
    void doNotDisturbSendsCallersToVoicemailAndHashSkipsTheGreeting() throws Exception {
        settings("402", new CallSettingsDraft(true, null, null, null, null, null, null, null, null));
        leaveMessage("402", "403", Duration.ofSeconds(2));
        assertThat(summary("402"))
                .containsExactly("routed voicemail:402", "answered voicemail:402", "ended ANSWERED CALLER");
    }

    @Test
    void aBusyPhoneSendsCallersToVoicemail() throws Exception {
        try (RawPhone callee = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "404", "secret404")) {
            callee.register();
            CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
                SipText invite = callee.request("INVITE");
                callee.respond(invite, 486, "Busy Here");
            });
            leaveMessage("404", "403", Duration.ofSeconds(2));
            busy.get(5, TimeUnit.SECONDS);
        }
        assertThat(summary("404"))
                .containsExactly(
                        "routed extension:404",
                        "routed voicemail:404",
                        "answered voicemail:404",
                        "ended ANSWERED CALLER");
    }

    @Test
    void anUnansweredPhoneSendsCallersToVoicemailAfterTheUsersRingTime() throws Exception {
        settings("405", new CallSettingsDraft(false, null, null, null, 5, null, null, null, null));
        try (RawPhone callee = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "405", "secret405")) {
            callee.register();
            long started = System.nanoTime();
            leaveMessage("405", "403", Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(5));
            SipText invite = callee.request("INVITE");
            assertThat(invite.startLine()).contains("405");
        }
        assertThat(summary("405"))
                .containsExactly(
                        "routed extension:405",
                        "routed voicemail:405",
                        "answered voicemail:405",
                        "ended ANSWERED CALLER");
    }

    /**
     * Calls {@code box}'s user, skips the greeting with '#', talks {@code length} of 440 Hz after the beep and
     * hangs up (the usual end of a message); the box then holds exactly that message.
     */
    private void leaveMessage(String box, String from, Duration length) throws Exception {
        int before = store().list(box, null).size();
        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), from)) {
            caller.dial(box).awaitPrompt(Duration.ofSeconds(10)); // the greeting has begun before the key is pressed
            caller.press("#");
            caller.awaitBeep(Duration.ofSeconds(5)); // well before the 8 s greeting would have ended
            caller.rtp().send(Tones.sine(440, length, 8000)).get(10, TimeUnit.SECONDS);
            caller.hangUp();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store().list(box, null).size() == before + 1);
        VoicemailMessage m = store().list(box, null).get(0);
        assertThat(m.caller()).isEqualTo(from);
        short[] stored = Wavs.samples(store().audio(m.id()).orElseThrow());
        assertThat(Spectrum.toneSamples(stored, 440, 2000))
                .isGreaterThanOrEqualTo((int) (length.toMillis() * 8 * 8 / 10));
    }

    @Test
    void hangingUpDuringTheGreetingOrRightAfterTheBeepLeavesNoMessage() throws Exception {
        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), "403")) {
            caller.dial("406").rtp().awaitSamples(8000, 5000); // a second of greeting heard
            caller.hangUp();
        }
        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), "403")) {
            caller.dial("406").awaitPrompt(Duration.ofSeconds(10));
            caller.press("#");
            caller.awaitBeep(Duration.ofSeconds(5));
            caller.rtp().send(Tones.sine(440, Duration.ofMillis(400), 8000)).get(5, TimeUnit.SECONDS);
            caller.hangUp();
        }
        // both calls are over: their media sessions are closed and their recordings left the spool
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(pbx.bean(MediaEngine.class).openSessions()).isZero();
            assertThat(recordingsInSpool()).isEmpty();
        });
        assertThat(store().list("406", null)).isEmpty();
    }

    @Test
    void theOwnersRecordedGreetingPlaysBeforeTheBeep() throws Exception {
        // 407 recorded an unavailable greeting (660 Hz here) and no busy one; a call while unavailable hears it
        pbx.bean(VoicemailGreetings.class)
                .save("407", Greeting.UNAVAILABLE, Wavs.tone(data.resolve("g407.wav"), 660, 1.5));
        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), "403")) {
            caller.dial("407");
            caller.awaitTone(660, 8000, Duration.ofSeconds(10)); // a second of the owner's greeting
            caller.awaitBeep(Duration.ofSeconds(10));
            assertThat(Spectrum.toneSamples(caller.rtp().received(), 660, 2000)).isLessThan(8000 * 16 / 10);
            caller.hangUp();
        }
    }

    @Test
    void aSwitchedOffBoxIsNotOfferedAndTheCallerGetsThePhonesAnswer() throws Exception {
        pbx.bean(UserDirectory.class).create(new UserDraft("408", "User 408", "secret408", null));
        pbx.bean(VoicemailBoxes.class).update("408", new VoicemailBoxDraft(false, null, null, null, null, null));
        try (RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "403", "secret403")) {
            RawPhone.Leg leg = caller.invite("408");
            SipText refused = caller.response(leg, 480);
            caller.ackFailure(leg, refused);
        }
        assertThat(summary("408")).noneMatch(line -> line.contains("voicemail"));
    }

    private static void settings(String ext, CallSettingsDraft draft) {
        pbx.bean(RoutingDirectory.class).updateCallSettings(ext, draft);
    }
}
