package org.tandem.appliance.natlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.tandem.appliance.blackbox.TandemProcess;
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

    private static final String PASSWORD = "Nat-audio-1";
    private static final String DOMAIN = NatLab.PUBLIC_APPLIANCE;
    private static final String SIP = NatLab.PUBLIC_APPLIANCE + ":5060";
    private static final int PHONE_PORT = 5090;
    private static final double CALLER_TONE = 1100;
    private static final double CALLEE_TONE = 700;
    private static final double SPOOF_TONE = 1500;
    private static final double TARGET_TONE = 500;
    private static final String DID = "4930555900";

    private static NatLab lab;
    private static TandemProcess tandem;
    private static TandemApi api;
    private static Path work;
    private static final AtomicInteger NEXT_EXTENSION = new AtomicInteger(400);
    private static final AtomicInteger NEXT_RTP_PORT = new AtomicInteger(41_000);

    @BeforeAll
    static void start() throws IOException {
        work = Path.of("target", "blackbox", NatAudioIT.class.getSimpleName()).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        lab = new NatLab();
        try {
            tandem = TandemProcess.inNamespace(work, lab.applianceNs(), lab.managementAddress(), DOMAIN,
                    List.of("--tandem.sip.advertised-address=" + NatLab.PUBLIC_APPLIANCE,
                            // Debian 12's baresip 1.0 registers only when MD5 alone is offered (README)
                            "--tandem.auth.algorithms=MD5",
                            // the office is the appliance's LAN; the public segment of the lab is the internet
                            "--tandem.media.local-networks=" + NatLab.LAN_APPLIANCE + "/24"));
            tandem.start();
            api = new TandemApi(tandem);
            ok(api.send("POST", "/api/v1/trunks", "{\"id\":\"provider\",\"host\":\"" + NatLab.PROVIDER
                    + "\",\"port\":5060,\"username\":\"acct\",\"password\":\"pw-provider\",\"fromDomain\":"
                    + "\"provider.test\",\"register\":false,\"registerExpiry\":60}"));
            ok(api.send("POST", "/api/v1/outbound-routes", "{\"id\":\"national\",\"patterns\":[\"0Z.\"],"
                    + "\"trunks\":[\"provider\"],\"permission\":\"national\"}"));
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (tandem != null) tandem.close();
        } finally {
            if (lab != null) lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNat1CallsPhoneBehindNat2(Transport transport) {
        call(new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE), new Phone(lab.phoneBNs(), NatLab.PRIVATE_PHONE),
                transport, "uac.xml");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNat2CallsPhoneBehindNat1(Transport transport) {
        call(new Phone(lab.phoneBNs(), NatLab.PRIVATE_PHONE), new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE),
                transport, "uac.xml");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void phoneBehindNatCallsPhoneOnTheLan(Transport transport) {
        call(new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE), new Phone(lab.phoneCNs(), NatLab.PHONE_C),
                transport, "uac.xml");
    }

    /** Hold and resume are re-INVITEs through both NATs; after the resume the audio flows again both ways. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void holdAndResumeBetweenPhonesBehindTwoNats(Transport transport) {
        call(new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE), new Phone(lab.phoneBNs(), NatLab.PRIVATE_PHONE),
                transport, "uac-hold.xml");
    }

    /** RTP bleed: a stranger on the internet sprays both relay ports first; the relay latches onto neither. */
    @Test
    void aSpoofedStreamIsNotLatched() {
        Phone caller = new Phone(lab.phoneCNs(), NatLab.PHONE_C);
        Phone callee = new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE);
        String callerExt = newUser();
        String calleeExt = newUser();
        try (PhoneAudio callerAudio = caller.audio(CALLER_TONE);
             PhoneAudio calleeAudio = callee.audio(CALLEE_TONE);
             PhoneAudio spoofer = PhoneAudio.start(lab, lab.providerNs(), NatLab.PROVIDER, NEXT_RTP_PORT.getAndAdd(2),
                     SPOOF_TONE)) {
            Sipp.Running calleePhone = serving(callee, calleeExt, Transport.UDP, calleeAudio);
            try {
                Sipp.Running callerPhone = calling(caller, callerExt, Transport.UDP, calleeExt, "uac.xml", callerAudio);
                MediaAddress toCaller = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 0);
                MediaAddress toCallee = SippLog.awaitReceivedSdp(calleePhone, "INVITE sip:", 0);
                // the stranger first, at the callee's relay port: before the phone's own packets arrive
                double dropped = relayDropped();
                spoofer.sendTo(toCallee.host(), toCallee.port());
                Awaitility.await("the relay drops the stranger's packets").atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(100)).until(() -> relayDropped() > dropped);
                calleeAudio.sendTo(toCallee.host(), toCallee.port());
                callerAudio.sendTo(toCaller.host(), toCaller.port());
                awaitHears(callerAudio, CALLEE_TONE, CALLER_TONE);
                awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
                assertThat(callerAudio.heard(SPOOF_TONE).amplitude(SPOOF_TONE)).as("the stranger's tone at the caller")
                        .isLessThan(300);
                // then at the caller's relay port, after both sides have latched
                spoofer.sendTo(toCaller.host(), toCaller.port());
                calleeAudio.mark();
                awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
                assertThat(calleeAudio.heard(SPOOF_TONE).amplitude(SPOOF_TONE)).as("the stranger's tone at the callee")
                        .isLessThan(300);
                callerPhone.await().assertSuccess();
            } finally {
                calleePhone.kill();
            }
        }
    }

    @Test
    void phoneBehindNatCallsOutThroughTheProvidersTrunk() {
        Phone caller = new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE);
        Phone provider = new Phone(lab.providerNs(), NatLab.PROVIDER);
        String callerExt = newUser();
        ok(api.send("PUT", "/api/v1/users/" + callerExt + "/outbound", "{\"permission\":\"national\"}"));
        try (PhoneAudio callerAudio = caller.audio(CALLER_TONE); PhoneAudio providerAudio = provider.audio(CALLEE_TONE)) {
            Sipp.Running providerUas = Sipp.scenario("nat-audio", "uas.xml").namespace(lab.providerNs())
                    .localIp(NatLab.PROVIDER).localPort(5060).against(SIP, DOMAIN, work.resolve("sipp"))
                    .service("provider").key("rtp_port", Integer.toString(providerAudio.port()))
                    .timeout(Duration.ofSeconds(40)).start().awaitListening(5060, Transport.UDP);
            try {
                Sipp.Running callerPhone = calling(caller, callerExt, Transport.UDP, "0301234567", "uac.xml", callerAudio);
                talk(callerPhone, callerAudio, providerUas, providerAudio);
                assertThat(SippLog.received(providerUas.messages())).as("what the provider saw")
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

    @Test
    void theProviderCallsAPhoneBehindNat() {
        Phone callee = new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE);
        Phone provider = new Phone(lab.providerNs(), NatLab.PROVIDER);
        String calleeExt = newUser();
        ok(api.send("PUT", "/api/v1/inbound-routes/" + DID, "{\"destination\":\"extension:" + calleeExt + "\"}"));
        try (PhoneAudio providerAudio = provider.audio(CALLER_TONE); PhoneAudio calleeAudio = callee.audio(CALLEE_TONE)) {
            Sipp.Running calleePhone = serving(callee, calleeExt, Transport.UDP, calleeAudio);
            try {
                Sipp.Running providerUac = Sipp.scenario("nat-audio", "provider-uac.xml").namespace(lab.providerNs())
                        .localIp(NatLab.PROVIDER).localPort(5060).against(SIP, DOMAIN, work.resolve("sipp"))
                        .key("callee", DID).key("rtp_port", Integer.toString(providerAudio.port()))
.timeout(Duration.ofSeconds(30)).start();
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
        Phone caller = new Phone(lab.phoneANs(), NatLab.PRIVATE_PHONE);
        String callerExt = newUser();
        String box = Integer.toString(NEXT_EXTENSION.incrementAndGet());
        api.createUser(box, "Box " + box, PASSWORD); // voicemail on, never registered: calls go to the box
        try (PhoneAudio callerAudio = caller.audio(CALLER_TONE)) {
            Sipp.Running callerPhone = calling(caller, callerExt, Transport.UDP, box, "uac-voicemail.xml", callerAudio);
            MediaAddress toBox = SippLog.awaitReceivedSdp(callerPhone, "SIP/2.0 200", 0);
            assertThat(toBox.host()).isEqualTo(NatLab.PUBLIC_APPLIANCE);
            callerAudio.sendTo(toBox.host(), toBox.port());
            PhoneAudio.Heard greeting = Awaitility.await("the greeting heard behind NAT 1").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200)).until(() -> callerAudio.heard(), h -> h.packets() >= 25);
            assertThat(greeting.senders()).allSatisfy(s -> assertThat(s).startsWith(NatLab.PUBLIC_APPLIANCE + ":"));
            callerAudio.dtmf('#');
            callerPhone.await().assertSuccess();
        }
        Path dir = work.resolve("data").resolve("voicemail").resolve(box);
        Path message = Awaitility.await("a message in box " + box).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200)).until(() -> newestWav(dir), p -> p != null);
        double tone = WavTone.amplitude(message, CALLER_TONE);
        assertThat(tone).as("the caller's tone in the message %s", message).isGreaterThan(1000);
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
        Phone callee = new Phone(lab.phoneCNs(), NatLab.PHONE_C);
        String calleeExt = newUser();
        String softphoneExt = newUser();
        try (PhoneAudio calleeAudio = callee.audio(CALLEE_TONE);
             Baresip softphone = Baresip.startInNamespace(work, lab.phoneANs(), NatLab.PRIVATE_PHONE, SIP, softphoneExt,
                     PASSWORD, "udp", (int) CALLER_TONE)) {
            Sipp.Running calleePhone = serving(callee, calleeExt, Transport.UDP, calleeAudio);
            try {
                Awaitility.await("baresip registered from behind NAT 1").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100)).until(() -> !api.registrationsOf(softphoneExt).isEmpty());
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
            assertThat(tone).as("the LAN phone's tone in what baresip heard (%s)", softphone.dir()).isGreaterThan(1000);
            assertThat(WavTone.loudestHeard(softphone.dir(), CALLER_TONE)).as("baresip's own tone in what it heard")
                    .isLessThan(tone / 10);
        }
    }

    /**
     * Transfer with phones behind NAT: baresip behind NAT 1 calls a LAN phone, which transfers it blind (REFER) to a
     * phone behind NAT 2; baresip, the transferee, calls that phone and the two hear each other.
     */
    @Test
    void baresipBehindNatIsTransferredToAPhoneBehindAnotherNat() throws IOException {
        Phone transferor = new Phone(lab.phoneCNs(), NatLab.PHONE_C);
        Phone target = new Phone(lab.phoneBNs(), NatLab.PRIVATE_PHONE);
        String transferorExt = newUser();
        String targetExt = newUser();
        String softphoneExt = newUser();
        try (PhoneAudio transferorAudio = transferor.audio(CALLEE_TONE);
             PhoneAudio targetAudio = target.audio(TARGET_TONE);
             Baresip softphone = Baresip.startInNamespace(work, lab.phoneANs(), NatLab.PRIVATE_PHONE, SIP, softphoneExt,
                     PASSWORD, "udp", (int) CALLER_TONE)) {
            Sipp.Running transferring = serving(transferor, transferorExt, Transport.UDP, transferorAudio,
                    "uas-transferor.xml", targetExt);
            Sipp.Running answering = serving(target, targetExt, Transport.UDP, targetAudio);
            try {
                Awaitility.await("baresip registered from behind NAT 1").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100)).until(() -> !api.registrationsOf(softphoneExt).isEmpty());
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
                transferring.await().assertSuccess(); // 202, the final NOTIFY, its BYE
                awaitRecorded(softphone, 1.5); // of the target; quitting (below) ends baresip's call
                noPrivateAddressReached(answering, target);
                noPrivateAddressReached(transferring, transferor);
            } finally {
                transferring.kill();
                answering.kill();
            }
            assertThat(WavTone.loudestHeard(softphone.dir(), TARGET_TONE)).as("the target's tone in what baresip heard after the transfer").isGreaterThan(1000);
        }
    }

    /** A call from {@code from} to {@code to}, both with audio; {@code scenario} is the caller's. */
    private void call(Phone from, Phone to, Transport transport, String scenario) {
        String callerExt = newUser();
        String calleeExt = newUser();
        try (PhoneAudio callerAudio = from.audio(CALLER_TONE); PhoneAudio calleeAudio = to.audio(CALLEE_TONE)) {
            Sipp.Running calleePhone = serving(to, calleeExt, transport, calleeAudio);
            try {
                Sipp.Running callerPhone = calling(from, callerExt, transport, calleeExt, scenario, callerAudio);
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

    /**
     * Once the caller has the answer, both tone peers send where their SDP says; each must hear the other's tone
     * and not its own, and only from the appliance.
     */
    private static void talk(Sipp.Running caller, PhoneAudio callerAudio, Sipp.Running callee, PhoneAudio calleeAudio) {
        MediaAddress toCaller = SippLog.awaitReceivedSdp(caller, "SIP/2.0 200", 0);
        MediaAddress toCallee = SippLog.awaitReceivedSdp(callee, "INVITE sip:", 0);
        assertThat(List.of(toCaller.host(), toCallee.host())).as("both phones are told to send to the relay")
                .containsOnly(NatLab.PUBLIC_APPLIANCE);
        callerAudio.sendTo(toCaller.host(), toCaller.port());
        calleeAudio.sendTo(toCallee.host(), toCallee.port());
        awaitHears(callerAudio, CALLEE_TONE, CALLER_TONE);
        awaitHears(calleeAudio, CALLER_TONE, CALLEE_TONE);
    }

    /** {@code audio} hears {@code expected} clearly, {@code own} hardly (no echo of itself), only from the appliance. */
    private static void awaitHears(PhoneAudio audio, double expected, double own) {
        audio.mark();
        PhoneAudio.Heard heard = Awaitility.await(audio + " hears " + expected + " Hz").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200)).until(() -> audio.heard(expected, own),
                        h -> h.packets() >= 25 && h.amplitude(expected) > 2000);
        assertThat(heard.amplitude(own)).as(audio + " hears its own tone").isLessThan(heard.amplitude(expected) / 10);
        assertThat(heard.senders()).as(audio + ": who sent the audio").allSatisfy(s -> assertThat(s)
                .matches("(" + NatLab.PUBLIC_APPLIANCE + "|" + NatLab.LAN_APPLIANCE + "):\\d+"));
    }

    /**
     * Nothing that reached a phone names a private address of another party, in SDP or in a Contact: phones behind
     * NAT must not see the office's or the other home's addresses, nor LAN phones a home's (issue 20).
     */
    private static void noPrivateAddressReached(Sipp.Running phone, Phone self) {
        String received = SippLog.receivedInCalls(phone.messages());
        assertThat(received).as("what " + self.ns() + " received in its calls").contains("Contact:")
                .doesNotContainPattern("(?m)^(c=|o=).*IN IP4 (192\\.168\\.|10\\.0\\.0\\.)")
                .doesNotContainPattern("(?im)^(Contact|m):[^\\n]*@(192\\.168\\.|10\\.0\\.0\\.)");
    }

    private record Phone(String ns, String ip) {

        PhoneAudio audio(double tone) {
            return PhoneAudio.start(lab, ns, ip, NEXT_RTP_PORT.getAndAdd(2), tone);
        }
    }

    /** A phone that registers from {@code phone} and answers its calls on the same flow. */
    private static Sipp.Running serving(Phone phone, String extension, Transport transport, PhoneAudio audio) {
        return serving(phone, extension, transport, audio, "uas.xml", "-");
    }

    /** As above, answering with {@code scenario}; {@code target}: its key {@code target} (a transfer's). */
    private static Sipp.Running serving(Phone phone, String extension, Transport transport, PhoneAudio audio,
                                        String scenario, String target) {
        Sipp.Running running = Sipp.scenario("tcp-udp-call", "register-and-serve.xml").namespace(phone.ns())
                .localIp(phone.ip()).against(SIP, DOMAIN, work.resolve("sipp")).transport(transport)
                .localPort(PHONE_PORT).service(extension).credentials(extension, PASSWORD).key("expires", "600")
                .key("rtp_port", Integer.toString(audio.port())).key("target", target)
                .arg("-oocsf", resource("nat-audio", scenario).toString(), "-d", "60000")
                .timeout(Duration.ofSeconds(90)).start();
        Awaitility.await(extension + " registered over " + transport).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.registrationsOf(extension).stream()
                        .anyMatch(b -> transport.name().equalsIgnoreCase(b.get("transport").asText())));
        return running;
    }

    private static Sipp.Running calling(Phone phone, String extension, Transport transport, String callee,
                                        String scenario, PhoneAudio audio) {
        return Sipp.scenario("nat-audio", scenario).namespace(phone.ns()).localIp(phone.ip())
                .against(SIP, DOMAIN, work.resolve("sipp")).transport(transport).service(extension)
                .credentials(extension, PASSWORD).key("callee", callee)
                .key("rtp_port", Integer.toString(audio.port()))
                .timeout(Duration.ofSeconds(40)).start();
    }

    private static String newUser() {
        String extension = Integer.toString(NEXT_EXTENSION.incrementAndGet());
        api.createUser(extension, "Phone " + extension, PASSWORD);
        api.voicemailOff(extension);
        return extension;
    }

    private static void ok(TandemApi.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    /** Waits until baresip has recorded {@code seconds} more of what it hears (8 kHz 16-bit mono dumps). */
    private static void awaitRecorded(Baresip softphone, double seconds) throws IOException {
        long from = WavTone.heardBytes(softphone.dir());
        Awaitility.await("baresip records " + seconds + " s").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> WavTone.heardBytes(softphone.dir()) >= from + (long) (seconds * 16_000));
    }

    /** The relay's {@code tandem_media_relay_dropped_total}: packets it refused (a stranger's, say). */
    private static double relayDropped() {
        TandemApi.Reply r = api.getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body().lines().filter(l -> l.startsWith("tandem_media_relay_dropped_total")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1).strip())).orElseThrow();
    }

    private static Path resource(String scenario, String file) {
        try {
            return Path.of(NatAudioIT.class.getResource("/sipp/" + scenario + "/" + file).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
