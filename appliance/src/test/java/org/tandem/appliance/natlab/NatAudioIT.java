package org.tandem.appliance.natlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.appliance.natlab.NatCalls.awaitHears;
import static org.tandem.appliance.natlab.NatCalls.awaitRecorded;
import static org.tandem.appliance.natlab.NatCalls.noPrivateAddressReached;
import static org.tandem.appliance.natlab.NatCalls.ok;
import static org.tandem.appliance.natlab.NatCalls.talk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tandem.appliance.blackbox.Baresip;
import org.tandem.appliance.blackbox.Sipp;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi;
import org.tandem.appliance.natlab.SippLog.MediaAddress;

/**
 * Issue 20, media: calls across real kernel NATs ({@link NatLab}) carry <em>audio</em> both ways. SIPp does each
 * phone's signalling; a {@link TonePeer} in the phone's namespace does what the phone's audio does — sends to the
 * address and port its SDP names, from the port its own SDP names — with a tone of its own. A test passes only if
 * each side hears the other's frequency (Goertzel) and not its own, from the appliance's relay and nobody else.
 * Both NATs are symmetric ({@code masquerade random}), so the relay must latch onto the port each NAT picked
 * (symmetric RTP); phones behind them never see a private address of the other side in SDP.
 */
class NatAudioIT {

    private static final double CALLER_TONE = 1100;
    private static final double CALLEE_TONE = 700;
    private static final double SPOOF_TONE = 1500;
    private static final double TARGET_TONE = 500;
    private static final double CALLER_VIDEO = 1300;
    private static final double CALLEE_VIDEO = 900;
    private static final double ANNOUNCEMENT_TONE = 600;
    private static final String DID = "4930555900";
    private static final String DOMAIN = NatCalls.DOMAIN;
    private static final String SIP = NatCalls.SIP;
    private static final String PASSWORD = NatCalls.PASSWORD;

    private static NatCalls lab;
    private static TandemApi api;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        lab = NatCalls.start(NatAudioIT.class);
        api = lab.api;
        work = lab.work;
        try {
            ok(api.send(
                    "POST",
                    "/api/v1/trunks",
                    "{\"id\":\"provider\",\"host\":\"" + NatLab.PROVIDER
                            + "\",\"port\":5060,\"username\":\"acct\",\"password\":\"pw-provider\",\"fromDomain\":"
                            + "\"provider.test\",\"register\":false,\"registerExpiry\":60}"));
            ok(api.send(
                    "POST",
                    "/api/v1/outbound-routes",
                    "{\"id\":\"national\",\"patterns\":[\"0Z.\"],"
                            + "\"trunks\":[\"provider\"],\"permission\":\"national\"}"));
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNat1CallsPhoneBehindNat2(Transport transport) {
        call(lab.behindNat1(), lab.behindNat2(), transport, "uac.xml");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNat2CallsPhoneBehindNat1(Transport transport) {
        call(lab.behindNat2(), lab.behindNat1(), transport, "uac.xml");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNatCallsPhoneOnTheLan(Transport transport) {
        call(lab.behindNat1(), lab.onTheLan(), transport, "uac.xml");
    }

    /** Hold and resume are re-INVITEs through both NATs; after the resume the audio flows again both ways. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void holdAndResumeBetweenPhonesBehindTwoNats(Transport transport) {
        call(lab.behindNat1(), lab.behindNat2(), transport, "uac-hold.xml");
    }

    /**
     * Two video phones (audio + H.264 m-lines) behind two symmetric NATs: the relay carries both streams, each on
     * relay ports of its own, latched on its own. Each stream's tone peer hears the other side's tone of that stream,
     * from the appliance only; the streams are not crossed (the audio does not carry the video's tone, nor the video
     * the audio's). The video peers send their tone in payload type 96 packets: the relay copies datagrams unread.
     */
    @Test
    void videoPhonesBehindTwoNatsKeepTheirVideoThroughTheRelay() {
        NatCalls.Phone from = lab.behindNat1();
        NatCalls.Phone to = lab.behindNat2();
        String callerExt = lab.newUser();
        String calleeExt = lab.newUser();
        try (PhoneAudio callerAudio = from.audio(CALLER_TONE);
                PhoneAudio calleeAudio = to.audio(CALLEE_TONE);
                PhoneAudio callerVideo = from.video(CALLER_VIDEO);
                PhoneAudio calleeVideo = to.video(CALLEE_VIDEO)) {
            Sipp.Running calleePhone = lab.servingVideo(to, calleeExt, Transport.UDP, calleeAudio, calleeVideo);
            try {
                Sipp.Running callerPhone = lab.callingVideo(
                        from, callerExt, Transport.UDP, calleeExt, callerAudio, callerVideo, Duration.ofSeconds(8));
                MediaAddress audioToCaller = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 0);
                MediaAddress audioToCallee = SippLog.awaitReceivedSdp(calleePhone, "INVITE sip:", 0);
                MediaAddress videoToCaller = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 0, "video");
                MediaAddress videoToCallee = SippLog.awaitReceivedSdp(calleePhone, "INVITE sip:", 0, "video");
                assertThat(List.of(videoToCaller.host(), videoToCallee.host()))
                        .as("video goes to the relay too")
                        .containsOnly(NatLab.PUBLIC_APPLIANCE);
                assertThat(videoToCaller.port())
                        .as("the video's relay port towards the caller")
                        .isNotEqualTo(audioToCaller.port());
                assertThat(videoToCallee.port())
                        .as("the video's relay port towards the callee")
                        .isNotEqualTo(audioToCallee.port());
                callerAudio.sendTo(audioToCaller.host(), audioToCaller.port());
                calleeAudio.sendTo(audioToCallee.host(), audioToCallee.port());
                callerVideo.sendTo(videoToCaller.host(), videoToCaller.port());
                calleeVideo.sendTo(videoToCallee.host(), videoToCallee.port());
                awaitHears(callerVideo, CALLEE_VIDEO, CALLEE_TONE);
                awaitHears(calleeVideo, CALLER_VIDEO, CALLER_TONE);
                awaitHears(callerAudio, CALLEE_TONE, CALLEE_VIDEO);
                awaitHears(calleeAudio, CALLER_TONE, CALLER_VIDEO);
                assertThat(callerVideo.heard(CALLER_VIDEO).amplitude(CALLER_VIDEO))
                        .as("the caller's video echoed")
                        .isLessThan(300);
                callerPhone.await().assertSuccess();
                noPrivateAddressReached(callerPhone, from);
                noPrivateAddressReached(calleePhone, to);
            } finally {
                calleePhone.kill();
            }
        }
    }

    /** RTP bleed: a stranger on the internet sprays both relay ports first; the relay latches onto neither. */
    @Test
    void aSpoofedStreamIsNotLatched() {
        NatCalls.Phone caller = lab.onTheLan();
        NatCalls.Phone callee = lab.behindNat1();
        String callerExt = lab.newUser();
        String calleeExt = lab.newUser();
        try (PhoneAudio callerAudio = caller.audio(CALLER_TONE);
                PhoneAudio calleeAudio = callee.audio(CALLEE_TONE);
                PhoneAudio spoofer = PhoneAudio.start(
                        lab.lab, lab.lab.providerNs(), NatLab.PROVIDER, lab.nextRtpPort(), SPOOF_TONE)) {
            Sipp.Running calleePhone = lab.serving(callee, calleeExt, Transport.UDP, calleeAudio);
            try {
                Sipp.Running callerPhone =
                        lab.calling(caller, callerExt, Transport.UDP, calleeExt, "uac.xml", callerAudio);
                MediaAddress toCaller = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 0);
                MediaAddress toCallee = SippLog.awaitReceivedSdp(calleePhone, "INVITE sip:", 0);
                // the stranger first, at the callee's relay port: before the phone's own packets arrive
                double dropped = relayDropped();
                spoofer.sendTo(toCallee.host(), toCallee.port());
                Awaitility.await("the relay drops the stranger's packets")
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> relayDropped() > dropped);
                calleeAudio.sendTo(toCallee.host(), toCallee.port());
                callerAudio.sendTo(toCaller.host(), toCaller.port());
                awaitHears(callerAudio, CALLEE_TONE, CALLER_TONE);
                awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
                assertThat(callerAudio.heard(SPOOF_TONE).amplitude(SPOOF_TONE))
                        .as("the stranger's tone at the caller")
                        .isLessThan(300);
                // then at the caller's relay port, after both sides have latched
                spoofer.sendTo(toCaller.host(), toCaller.port());
                calleeAudio.mark();
                awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
                assertThat(calleeAudio.heard(SPOOF_TONE).amplitude(SPOOF_TONE))
                        .as("the stranger's tone at the callee")
                        .isLessThan(300);
                callerPhone.await().assertSuccess();
            } finally {
                calleePhone.kill();
            }
        }
    }

    /** Over UDP and TCP on the phone's side (the trunk to the provider is UDP). */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNatCallsOutThroughTheProvidersTrunk(Transport transport) {
        NatCalls.Phone caller = lab.behindNat1();
        NatCalls.Phone provider = lab.provider();
        String callerExt = lab.newUser();
        ok(api.send("PUT", "/api/v1/users/" + callerExt + "/outbound", "{\"permission\":\"national\"}"));
        try (PhoneAudio callerAudio = caller.audio(CALLER_TONE);
                PhoneAudio providerAudio = provider.audio(CALLEE_TONE)) {
            Sipp.Running providerUas = Sipp.scenario("nat-audio", "uas.xml")
                    .namespace(lab.lab.providerNs())
                    .localIp(NatLab.PROVIDER)
                    .localPort(5060)
                    .against(SIP, DOMAIN, work.resolve("sipp"))
                    .service("provider")
                    .key("rtp_port", Integer.toString(providerAudio.port()))
                    .timeout(Duration.ofSeconds(40))
                    .start()
                    .awaitListening(5060, Transport.UDP);
            try {
                Sipp.Running callerPhone =
                        lab.calling(caller, callerExt, transport, "0301234567", "uac.xml", callerAudio);
                talk(callerPhone, callerAudio, providerUas, providerAudio);
                assertThat(SippLog.received(providerUas.messages()))
                        .as("what the provider saw")
                        .contains("c=IN IP4 " + NatLab.PUBLIC_APPLIANCE);
                callerPhone.await().assertSuccess();
                providerUas.await().assertSuccess();
                noPrivateAddressReached(providerUas, provider);
                noPrivateAddressReached(callerPhone, caller);
            } finally {
                providerUas.kill();
            }
        }
    }

    /** Over UDP and TCP on the phone's side (the trunk to the provider is UDP). */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theProviderCallsAPhoneBehindNat(Transport transport) {
        NatCalls.Phone callee = lab.behindNat1();
        NatCalls.Phone provider = lab.provider();
        String calleeExt = lab.newUser();
        ok(api.send("PUT", "/api/v1/inbound-routes/" + DID, "{\"destination\":\"extension:" + calleeExt + "\"}"));
        try (PhoneAudio providerAudio = provider.audio(CALLER_TONE);
                PhoneAudio calleeAudio = callee.audio(CALLEE_TONE)) {
            Sipp.Running calleePhone = lab.serving(callee, calleeExt, transport, calleeAudio);
            try {
                Sipp.Running providerUac = Sipp.scenario("nat-audio", "provider-uac.xml")
                        .namespace(lab.lab.providerNs())
                        .localIp(NatLab.PROVIDER)
                        .localPort(5060)
                        .against(SIP, DOMAIN, work.resolve("sipp"))
                        .key("callee", DID)
                        .key("rtp_port", Integer.toString(providerAudio.port()))
                        .timeout(Duration.ofSeconds(30))
                        .start();
                talk(providerUac, providerAudio, calleePhone, calleeAudio);
                providerUac.await().assertSuccess();
                noPrivateAddressReached(providerUac, provider);
                noPrivateAddressReached(calleePhone, callee);
            } finally {
                calleePhone.kill();
            }
        }
    }

    /**
     * The media services answer a phone behind NAT too (they latch onto where its RTP really comes from): it hears the
     * greeting through its NAT, skips it with '#' (RFC 4733), and the message recorded holds its tone.
     */
    @Test
    void phoneBehindNatLeavesAVoicemailThatHoldsItsVoice() throws IOException {
        NatCalls.Phone caller = lab.behindNat1();
        String callerExt = lab.newUser();
        String box = lab.newNumber();
        api.createUser(box, "Box " + box, PASSWORD); // voicemail on, never registered: calls go to the box
        try (PhoneAudio callerAudio = caller.audio(CALLER_TONE)) {
            Sipp.Running callerPhone =
                    lab.calling(caller, callerExt, Transport.UDP, box, "uac-voicemail.xml", callerAudio);
            MediaAddress toBox = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 0);
            assertThat(toBox.host()).isEqualTo(NatLab.PUBLIC_APPLIANCE);
            callerAudio.sendTo(toBox.host(), toBox.port());
            PhoneAudio.Heard greeting = Awaitility.await("the greeting heard behind NAT 1")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> callerAudio.heard(), h -> h.packets() >= 25);
            assertThat(greeting.senders()).allSatisfy(s -> assertThat(s).startsWith(NatLab.PUBLIC_APPLIANCE + ":"));
            callerAudio.dtmf('#');
            callerPhone.await().assertSuccess();
        }
        Path dir = work.resolve("data").resolve("voicemail").resolve(box);
        Path message = Awaitility.await("a message in box " + box)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> newestWav(dir), p -> p != null);
        double tone = WavTone.amplitude(message, CALLER_TONE);
        assertThat(tone).as("the caller's tone in the message %s", message).isGreaterThan(1000);
    }

    /**
     * Issue 18: a call whose callee's rule says ALWAYS is recorded through the relay. The WAV downloaded over the API
     * holds the caller's tone on the left channel and the callee's on the right (Goertzel, 1 s windows), each channel
     * hardly the other's; it is listed only after the call ended (a complete file).
     */
    @Test
    void aRecordedCallsWavHoldsTheCallerOnTheLeftAndTheCalleeOnTheRight() throws IOException {
        NatCalls.Phone from = lab.behindNat1();
        NatCalls.Phone to = lab.onTheLan();
        String callerExt = lab.newUser();
        String calleeExt = lab.newUser();
        ok(api.send("PUT", "/api/v1/recording-rules/USER/" + calleeExt, "{\"mode\":\"ALWAYS\"}"));
        try (PhoneAudio callerAudio = from.audio(CALLER_TONE);
                PhoneAudio calleeAudio = to.audio(CALLEE_TONE)) {
            Sipp.Running calleePhone = lab.serving(to, calleeExt, Transport.UDP, calleeAudio);
            try {
                Sipp.Running callerPhone =
                        lab.calling(from, callerExt, Transport.UDP, calleeExt, "uac.xml", callerAudio);
                talk(callerPhone, callerAudio, calleePhone, calleeAudio);
                callerPhone.await().assertSuccess();
            } finally {
                calleePhone.kill();
            }
        }
        var listed = Awaitility.await("the recording of the call to " + calleeExt)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.send("GET", "/api/v1/recordings?extension=" + calleeExt, null)
                                .json(),
                        j -> j.size() == 1)
                .get(0);
        assertThat(listed.get("callerExtension").asText()).isEqualTo(callerExt);
        Path wav = work.resolve("recording-" + calleeExt + ".wav");
        Files.write(wav, api.getBytes("/api/v1/recordings/" + listed.get("id").asLong() + "/audio"));
        double callerLeft = WavTone.amplitude(wav, 0, CALLER_TONE, 1);
        double calleeRight = WavTone.amplitude(wav, 1, CALLEE_TONE, 1);
        assertThat(callerLeft).as("the caller's tone on the left of %s", wav).isGreaterThan(1000);
        assertThat(calleeRight).as("the callee's tone on the right of %s", wav).isGreaterThan(1000);
        assertThat(WavTone.amplitude(wav, 0, CALLEE_TONE, 1))
                .as("the callee's tone on the left")
                .isLessThan(callerLeft / 10);
        assertThat(WavTone.amplitude(wav, 1, CALLER_TONE, 1))
                .as("the caller's tone on the right")
                .isLessThan(calleeRight / 10);
        ok(api.send("DELETE", "/api/v1/recording-rules/USER/" + calleeExt, null));
    }

    /**
     * Issue 18, on demand: the caller's rule says ON_DEMAND with the announcement, so the call is anchored but nothing
     * is recorded (nor announced) while the parties talk with their first tones. The caller changes tone and dials *1 (RFC 4733 in its RTP): the relay takes
     * the code out (the callee receives none of its events) and starts recording; both talk with their second tones;
     * both hear the announcement (the call-recorded prompt, replaced here by a 600 Hz tone) mixed into the other's
     * audio; a second *1 stops it, and the recording is listed at once; the third tones that follow are not recorded and no
     * second recording appears when the call ends. The WAV holds the second tones (caller left, callee right) and
     * hardly the first or the third, nor the announcement.
     */
    @Test
    void anOnDemandUsersStarOneRecordsOnlyTheSpanBetweenTwoCodes() throws IOException {
        NatCalls.Phone from = lab.behindNat1();
        NatCalls.Phone to = lab.onTheLan();
        String callerExt = lab.newUser();
        String calleeExt = lab.newUser();
        double[] caller = {CALLER_TONE, 1300, 1700};
        double[] callee = {CALLEE_TONE, 900, 400};
        TandemApi.Reply uploaded =
                api.putBytes("/api/v1/prompts/call-recorded", "audio/wav", monoTone(ANNOUNCEMENT_TONE, 1.5));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        ok(api.send("PUT", "/api/v1/recording-rules/USER/" + callerExt, "{\"mode\":\"ON_DEMAND\",\"announce\":true}"));
        JsonNode listed;
        Path wav = work.resolve("on-demand-" + callerExt + ".wav");
        try (PhoneAudio callerAudio = from.audio(caller[0]);
                PhoneAudio calleeAudio = to.audio(callee[0])) {
            Sipp.Running calleePhone = lab.serving(to, calleeExt, Transport.UDP, calleeAudio);
            try {
                Sipp.Running callerPhone = lab.calling(
                        from, callerExt, Transport.UDP, calleeExt, "uac-dtmf.xml", callerAudio, Duration.ofSeconds(13));
                talk(callerPhone, callerAudio, calleePhone, calleeAudio); // the first tones, unrecorded
                awaitHears(callerAudio, callee[0], caller[0]);
                assertThat(recordingsOf(callerExt))
                        .as("nothing recorded before the code")
                        .isEmpty();
                assertThat(callerAudio.heard(ANNOUNCEMENT_TONE).amplitude(ANNOUNCEMENT_TONE))
                        .as("no announcement before the code")
                        .isLessThan(300);

                calleeAudio.mark();
                callerAudio.mark();
                callerAudio.tone(caller[1]);
                calleeAudio.tone(callee[1]);
                callerAudio.dtmf("*1"); // sent before the caller's next audio
                PhoneAudio.Heard span = Awaitility.await("the callee hears the caller after the code")
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> calleeAudio.heard(caller[1]),
                                h -> h.packets() >= 40 && h.amplitude(caller[1]) > 2000);
                assertThat(span.events())
                        .as("the code's events reaching the callee")
                        .isZero();
                Awaitility.await("both hear the announcement")
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> calleeAudio.heard(ANNOUNCEMENT_TONE).amplitude(ANNOUNCEMENT_TONE) > 1000
                                && callerAudio.heard(ANNOUNCEMENT_TONE).amplitude(ANNOUNCEMENT_TONE) > 1000);
                awaitHears(callerAudio, callee[1], caller[1]); // the second tones, recorded
                awaitHears(calleeAudio, caller[1], callee[1]);

                callerAudio.dtmf("*1");
                listed = Awaitility.await("the recording, listed once the second *1 stopped it")
                        .atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> recordingsOf(callerExt), j -> j.size() == 1)
                        .get(0);
                callerAudio.tone(caller[2]);
                calleeAudio.tone(callee[2]);
                awaitHears(calleeAudio, caller[2], callee[2]); // the third tones, not recorded
                awaitHears(callerAudio, callee[2], caller[2]);
                calleeAudio.mark();
                callerAudio.dtmf("#"); // a key that begins no code passes at once
                Awaitility.await("the caller's # at the callee")
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> calleeAudio.heard().events() >= 8);
                callerPhone.await().assertSuccess();
            } finally {
                calleePhone.kill();
            }
        } finally {
            ok(api.send("DELETE", "/api/v1/recording-rules/USER/" + callerExt, null));
            api.send("DELETE", "/api/v1/prompts/call-recorded", null); // back to the shipped words
        }
        assertThat(listed.get("calleeExtensions").toString()).contains(calleeExt);
        Files.write(wav, api.getBytes("/api/v1/recordings/" + listed.get("id").asLong() + "/audio"));
        assertThat(recordingsOf(callerExt))
                .as("no further span when the call ended")
                .hasSize(1);
        double callerSpan = WavTone.amplitude(wav, 0, caller[1], 0.5);
        double calleeSpan = WavTone.amplitude(wav, 1, callee[1], 0.5);
        assertThat(callerSpan)
                .as("the caller's second tone on the left of %s", wav)
                .isGreaterThan(1000);
        assertThat(calleeSpan)
                .as("the callee's second tone on the right of %s", wav)
                .isGreaterThan(1000);
        assertThat(WavTone.amplitude(wav, 0, ANNOUNCEMENT_TONE, 0.5))
                .as("the announcement in the recording")
                .isLessThan(callerSpan / 10);
        for (int i : new int[] {0, 2}) {
            assertThat(WavTone.amplitude(wav, 0, caller[i], 0.5))
                    .as("the caller's tone %s in %s", caller[i], wav)
                    .isLessThan(callerSpan / 10);
            assertThat(WavTone.amplitude(wav, 1, callee[i], 0.5))
                    .as("the callee's tone %s in %s", callee[i], wav)
                    .isLessThan(calleeSpan / 10);
        }
    }

    /** An 8 kHz 16-bit mono WAV of {@code hz} at amplitude 8000, {@code seconds} long. */
    private static byte[] monoTone(double hz, double seconds) {
        int frames = (int) (8000 * seconds);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * frames).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952)
                .putInt(36 + 2 * frames)
                .putInt(0x45564157)
                .putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(16000)
                .putShort((short) 2)
                .putShort((short) 16)
                .putInt(0x61746164)
                .putInt(2 * frames);
        for (int i = 0; i < frames; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        return b.array();
    }

    private static JsonNode recordingsOf(String extension) {
        return api.send("GET", "/api/v1/recordings?extension=" + extension, null)
                .json();
    }

    private static Path newestWav(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return null;
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".wav")).findFirst().orElse(null);
        }
    }

    /** A real softphone (baresip, Debian's) behind NAT 1 calls a phone on the LAN: audio both ways, by frequency. */
    @Test
    void baresipBehindNatCallsAPhoneOnTheLan() throws IOException {
        NatCalls.Phone callee = lab.onTheLan();
        String calleeExt = lab.newUser();
        String softphoneExt = lab.newUser();
        try (PhoneAudio calleeAudio = callee.audio(CALLEE_TONE);
                Baresip softphone = Baresip.startInNamespace(
                        work, lab.lab.phoneANs(), NatLab.PRIVATE_PHONE, SIP, softphoneExt, PASSWORD, "udp", (int)
                                CALLER_TONE)) {
            Sipp.Running calleePhone = lab.serving(callee, calleeExt, Transport.UDP, calleeAudio);
            try {
                lab.awaitRegistered(softphoneExt, "baresip behind NAT 1");
                softphone.command("dial", "sip:" + calleeExt + "@" + DOMAIN);
                softphone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(15));
                MediaAddress toCallee = SippLog.awaitReceivedSdp(calleePhone, "INVITE sip:", 0);
                assertThat(toCallee.host()).isEqualTo(NatLab.PUBLIC_APPLIANCE);
                calleeAudio.sendTo(toCallee.host(), toCallee.port());
                awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
                awaitRecorded(softphone, 1.5); // what the softphone hears meanwhile
                softphone.command("hangup", null);
                softphone.awaitEvent("CALL_CLOSED", Duration.ofSeconds(10));
            } finally {
                calleePhone.kill();
            }
            double tone = WavTone.loudestHeard(softphone.dir(), CALLEE_TONE);
            assertThat(tone)
                    .as("the LAN phone's tone in what baresip heard (%s)", softphone.dir())
                    .isGreaterThan(1000);
            assertThat(WavTone.loudestHeard(softphone.dir(), CALLER_TONE))
                    .as("baresip's own tone in what it heard")
                    .isLessThan(tone / 10);
        }
    }

    /**
     * Transfer with phones behind NAT: baresip behind NAT 1 calls a LAN phone, which transfers it blind (REFER) to a
     * phone behind NAT 2; baresip, the transferee, calls that phone and the two hear each other. Over UDP, and over TCP
     * (every phone's REFER, NOTIFY, INVITE and BYE on its own connection through its NAT).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void baresipBehindNatIsTransferredToAPhoneBehindAnotherNat(Transport transport) throws IOException {
        NatCalls.Phone transferor = lab.onTheLan();
        NatCalls.Phone target = lab.behindNat2();
        String transferorExt = lab.newUser();
        String targetExt = lab.newUser();
        String softphoneExt = lab.newUser();
        try (PhoneAudio transferorAudio = transferor.audio(CALLEE_TONE);
                PhoneAudio targetAudio = target.audio(TARGET_TONE);
                Baresip softphone = Baresip.startInNamespace(
                        work,
                        lab.lab.phoneANs(),
                        NatLab.PRIVATE_PHONE,
                        SIP,
                        softphoneExt,
                        PASSWORD,
                        transport.name().toLowerCase(java.util.Locale.ROOT),
                        (int) CALLER_TONE)) {
            Sipp.Running transferring =
                    lab.serving(transferor, transferorExt, transport, transferorAudio, "uas-transferor.xml", targetExt);
            Sipp.Running answering = lab.serving(target, targetExt, transport, targetAudio);
            try {
                lab.awaitRegistered(softphoneExt, "baresip behind NAT 1");
                softphone.command("dial", "sip:" + transferorExt + "@" + DOMAIN);
                softphone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(15));
                MediaAddress toTransferor = SippLog.awaitReceivedSdp(transferring, "INVITE sip:", 0);
                transferorAudio.sendTo(toTransferor.host(), toTransferor.port());
                awaitHears(transferorAudio, CALLER_TONE, CALLEE_TONE);
                // the LAN phone REFERs baresip to the target, which baresip then calls
                MediaAddress toTarget = SippLog.awaitReceivedSdp(answering, "INVITE sip:", 0);
                assertThat(toTarget.host()).isEqualTo(NatLab.PUBLIC_APPLIANCE);
                targetAudio.sendTo(toTarget.host(), toTarget.port());
                awaitHears(targetAudio, CALLER_TONE, TARGET_TONE);
                // its scenario ran to the end: 202, the NOTIFYs up to the final one, its BYE answered (SIPp itself
                // would
                // only exit after the registration's one-minute pause)
                Awaitility.await("the transferor's BYE answered")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> SippLog.receivedResponse(transferring.messages(), 200, "2 BYE"));
                assertThat(SippLog.received(transferring.messages()))
                        .as("what the transferor received")
                        .contains("SIP/2.0 202 ")
                        .containsPattern("(?m)^SIP/2.0 200");
                awaitRecorded(softphone, 1.5); // of the target; quitting (below) ends baresip's call
                noPrivateAddressReached(answering, target);
                noPrivateAddressReached(transferring, transferor);
            } finally {
                transferring.kill();
                answering.kill();
            }
            assertThat(WavTone.loudestHeard(softphone.dir(), TARGET_TONE))
                    .as("the target's tone in what baresip heard after the transfer")
                    .isGreaterThan(1000);
        }
    }

    /** A call from {@code from} to {@code to}, both with audio; {@code scenario} is the caller's. */
    private void call(NatCalls.Phone from, NatCalls.Phone to, Transport transport, String scenario) {
        String callerExt = lab.newUser();
        String calleeExt = lab.newUser();
        try (PhoneAudio callerAudio = from.audio(CALLER_TONE);
                PhoneAudio calleeAudio = to.audio(CALLEE_TONE)) {
            Sipp.Running calleePhone = lab.serving(to, calleeExt, transport, calleeAudio);
            try {
                Sipp.Running callerPhone = lab.calling(from, callerExt, transport, calleeExt, scenario, callerAudio);
                talk(callerPhone, callerAudio, calleePhone, calleeAudio);
                if (scenario.equals("uac-hold.xml")) {
                    // the resume is CSeq 4; after it each phone follows its newest SDP, as phones do
                    MediaAddress toCaller = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 4);
                    MediaAddress toCallee = SippLog.awaitReceivedSdp(calleePhone, "INVITE sip:", 4);
                    callerAudio.sendTo(toCaller.host(), toCaller.port());
                    calleeAudio.sendTo(toCallee.host(), toCallee.port());
                    callerAudio.mark();
                    calleeAudio.mark();
                    awaitHears(callerAudio, CALLEE_TONE, CALLER_TONE);
                    awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
                }
                callerPhone.await().assertSuccess();
                noPrivateAddressReached(callerPhone, from);
                noPrivateAddressReached(calleePhone, to);
            } finally {
                calleePhone.kill();
            }
        }
    }

    /** The relay's {@code tandem_media_relay_dropped_total}: packets it refused (a stranger's, say). */
    private static double relayDropped() {
        TandemApi.Reply r = api.getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith("tandem_media_relay_dropped_total"))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1).strip()))
                .orElseThrow();
    }
}
