package org.tandem.appliance.natlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.tandem.appliance.blackbox.Baresip;
import org.tandem.appliance.blackbox.Sipp;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi;
import org.tandem.appliance.blackbox.TandemProcess;
import org.tandem.appliance.natlab.SippLog.MediaAddress;

/**
 * One appliance inside a {@link NatLab} (issue 20) and what the audio tests do with its phones: SIPp signals for
 * each lab phone, a {@link TonePeer} in the phone's namespace sends and hears its audio, and a call passes only when
 * each side hears the other's tone (Goertzel) and not its own, from the appliance and nobody else.
 */
final class NatCalls implements AutoCloseable {

    static final String PASSWORD = "Nat-audio-1";
    static final String DOMAIN = NatLab.PUBLIC_APPLIANCE;
    static final String SIP = NatLab.PUBLIC_APPLIANCE + ":5060";
    static final int PHONE_PORT = 5090;

    final NatLab lab;
    final TandemProcess tandem;
    final TandemApi api;
    final Path work;
    private final AtomicInteger nextExtension = new AtomicInteger(400);
    private final AtomicInteger nextRtpPort = new AtomicInteger(41_000);

    private NatCalls(NatLab lab, TandemProcess tandem, TandemApi api, Path work) {
        this.lab = lab;
        this.tandem = tandem;
        this.api = api;
        this.work = work;
    }

    /** How the appliance is told its addresses. */
    enum Addressing {
        /** It advertises its public address everywhere ({@code tandem.sip.advertised-address}). */
        PUBLIC,
        /**
         * As behind an office router that forwards SIP and RTP to it (README: "Phones outside the office"): it
         * advertises its LAN address, and the public one is the external address (setup wizard /
         * {@code --tandem.external-address}), for parties outside the office only.
         */
        LAN_WITH_EXTERNAL
    }

    /** Builds the lab and starts the appliance in it, advertising its public address. */
    static NatCalls start(Class<?> test) throws IOException {
        return start(test, Addressing.PUBLIC);
    }

    /** Builds the lab and starts the appliance in it; everything is torn down again when the start fails. */
    static NatCalls start(Class<?> test, Addressing addressing) throws IOException {
        Path work = Path.of("target", "blackbox", test.getSimpleName()).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        NatLab lab = new NatLab();
        TandemProcess tandem = null;
        try {
            tandem = TandemProcess.inNamespace(
                    work,
                    lab.applianceNs(),
                    lab.managementAddress(),
                    DOMAIN,
                    List.of(
                            addressing == Addressing.PUBLIC
                                    ? "--tandem.sip.advertised-address=" + NatLab.PUBLIC_APPLIANCE
                                    : "--tandem.sip.advertised-address=" + NatLab.LAN_APPLIANCE,
                            "--tandem.external-address="
                                    + (addressing == Addressing.PUBLIC ? "" : NatLab.PUBLIC_APPLIANCE),
                            // Debian 12's baresip 1.0 registers only when MD5 alone is offered (README)
                            "--tandem.auth.algorithms=MD5",
                            // the office is the appliance's LAN; the public segment of the lab is the internet
                            "--tandem.media.local-networks=" + NatLab.LAN_APPLIANCE + "/24"));
            tandem.start();
            return new NatCalls(lab, tandem, new TandemApi(tandem), work);
        } catch (RuntimeException | Error e) {
            try {
                if (tandem != null) tandem.close();
            } finally {
                lab.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            tandem.close();
        } finally {
            lab.close();
        }
    }

    /** A lab phone: its namespace and address. */
    record Phone(NatCalls calls, String ns, String ip) {

        PhoneAudio audio(double tone) {
            return PhoneAudio.start(calls.lab, ns, ip, calls.nextRtpPort.getAndAdd(2), tone);
        }

        /** The video stream of a video phone: a tone peer sending and hearing RTP payload type 96 (H.264's here). */
        PhoneAudio video(double tone) {
            return PhoneAudio.start(calls.lab, ns, ip, calls.nextRtpPort.getAndAdd(2), tone, 96);
        }
    }

    Phone behindNat1() {
        return new Phone(this, lab.phoneANs(), NatLab.PRIVATE_PHONE);
    }

    Phone behindNat2() {
        return new Phone(this, lab.phoneBNs(), NatLab.PRIVATE_PHONE);
    }

    Phone onTheLan() {
        return new Phone(this, lab.phoneCNs(), NatLab.PHONE_C);
    }

    Phone provider() {
        return new Phone(this, lab.providerNs(), NatLab.PROVIDER);
    }

    /** A free port for a tone peer that is no phone's (a stranger's). */
    int nextRtpPort() {
        return nextRtpPort.getAndAdd(2);
    }

    /** A new user (voicemail off) with {@link #PASSWORD}; returns its extension. */
    String newUser() {
        String extension = newNumber();
        api.createUser(extension, "Phone " + extension, PASSWORD);
        api.voicemailOff(extension);
        return extension;
    }

    /** A dial-plan number no other test of this appliance uses. */
    String newNumber() {
        return Integer.toString(nextExtension.incrementAndGet());
    }

    /** A phone that registers from {@code phone} and answers its calls on the same flow. */
    Sipp.Running serving(Phone phone, String extension, Transport transport, PhoneAudio audio) {
        return serving(phone, extension, transport, audio, "uas.xml", "-");
    }

    /** As above, handling calls to it with {@code scenario}; {@code target}: its key {@code target} (a transfer's). */
    Sipp.Running serving(
            Phone phone, String extension, Transport transport, PhoneAudio audio, String scenario, String target) {
        return serving(phone, extension, transport, audio, null, scenario, target);
    }

    /** A video phone that registers and answers with audio at {@code audio}'s port and video at {@code video}'s. */
    Sipp.Running servingVideo(Phone phone, String extension, Transport transport, PhoneAudio audio, PhoneAudio video) {
        return serving(phone, extension, transport, audio, video, "uas-video.xml", "-");
    }

    private Sipp.Running serving(
            Phone phone,
            String extension,
            Transport transport,
            PhoneAudio audio,
            PhoneAudio video,
            String scenario,
            String target) {
        Sipp sipp = Sipp.scenario("tcp-udp-call", "register-and-serve.xml")
                .namespace(phone.ns())
                .localIp(phone.ip())
                .against(SIP, DOMAIN, work.resolve("sipp"))
                .transport(transport)
                .localPort(PHONE_PORT)
                .service(extension)
                .credentials(extension, PASSWORD)
                .key("expires", "600")
                .key("rtp_port", Integer.toString(audio.port()))
                .key("target", target)
                .key("video_port", video == null ? "0" : Integer.toString(video.port()))
                .arg("-oocsf", resource("nat-audio", scenario).toString(), "-d", "60000");
        Sipp.Running running = sipp.timeout(Duration.ofSeconds(90)).start();
        Awaitility.await(extension + " registered over " + transport)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.registrationsOf(extension).stream()
                        .anyMatch(b -> transport
                                .name()
                                .equalsIgnoreCase(b.get("transport").asText())));
        return running;
    }

    /** {@code phone}, as {@code extension}, calls {@code callee} with {@code scenario} (see sipp/nat-audio/README). */
    Sipp.Running calling(
            Phone phone, String extension, Transport transport, String callee, String scenario, PhoneAudio audio) {
        return calling(phone, extension, transport, callee, scenario, audio, Duration.ofSeconds(4));
    }

    /** As above; {@code pause}: how long the scenario's {@code <pause/>} lasts (talking, or ringing). */
    Sipp.Running calling(
            Phone phone,
            String extension,
            Transport transport,
            String callee,
            String scenario,
            PhoneAudio audio,
            Duration pause) {
        return calling(phone, extension, transport, callee, scenario, audio, null, pause);
    }

    /** A video phone calls {@code callee}, offering audio at {@code audio}'s port and video at {@code video}'s. */
    Sipp.Running callingVideo(
            Phone phone,
            String extension,
            Transport transport,
            String callee,
            PhoneAudio audio,
            PhoneAudio video,
            Duration pause) {
        return calling(phone, extension, transport, callee, "uac-video.xml", audio, video, pause);
    }

    private Sipp.Running calling(
            Phone phone,
            String extension,
            Transport transport,
            String callee,
            String scenario,
            PhoneAudio audio,
            PhoneAudio video,
            Duration pause) {
        return Sipp.scenario("nat-audio", scenario)
                .namespace(phone.ns())
                .localIp(phone.ip())
                .against(SIP, DOMAIN, work.resolve("sipp"))
                .transport(transport)
                .service(extension)
                .credentials(extension, PASSWORD)
                .key("callee", callee)
                .key("rtp_port", Integer.toString(audio.port()))
                .key("video_port", video == null ? "0" : Integer.toString(video.port()))
                .arg("-d", Long.toString(pause.toMillis()))
                .timeout(pause.plusSeconds(36))
                .start();
    }

    /** {@code phone}, as {@code extension}, calls {@code callee} and waits while it rings: the call is picked up. */
    Sipp.Running callingToBePickedUp(Phone phone, String extension, String callee, PhoneAudio audio, Duration ringing) {
        return Sipp.scenario("nat-audio", "uac-picked-up.xml")
                .namespace(phone.ns())
                .localIp(phone.ip())
                .against(SIP, DOMAIN, work.resolve("sipp"))
                .localPort(PHONE_PORT)
                .service(extension)
                .credentials(extension, PASSWORD)
                .key("callee", callee)
                .key("rtp_port", Integer.toString(audio.port()))
                .key("target", "-")
                .arg("-oocsf", resource("nat-audio", "uas.xml").toString(), "-d", Long.toString(ringing.toMillis()))
                .timeout(ringing.plusSeconds(36))
                .start();
    }

    /**
     * Once the caller has the answer, both tone peers send where their SDP says; each must hear the other's tone
     * and not its own, and only from the appliance.
     */
    static void talk(Sipp.Running caller, PhoneAudio callerAudio, Sipp.Running callee, PhoneAudio calleeAudio) {
        MediaAddress toCaller = SippLog.awaitReceivedSdp(caller, "SIP/2.0 200", 0);
        MediaAddress toCallee = SippLog.awaitReceivedSdp(callee, "INVITE sip:", 0);
        assertThat(List.of(toCaller.host(), toCallee.host()))
                .as("both phones are told to send to the relay")
                .containsOnly(NatLab.PUBLIC_APPLIANCE);
        callerAudio.sendTo(toCaller.host(), toCaller.port());
        calleeAudio.sendTo(toCallee.host(), toCallee.port());
        awaitHears(callerAudio, calleeAudio.tone(), callerAudio.tone());
        awaitHears(calleeAudio, callerAudio.tone(), calleeAudio.tone());
    }

    /** {@code audio} hears {@code expected} clearly, {@code own} hardly (no echo of itself), only from the appliance. */
    static void awaitHears(PhoneAudio audio, double expected, double own) {
        PhoneAudio.Heard heard = audio.awaitHears(expected, own);
        assertThat(heard.senders())
                .as(audio + ": who sent the audio")
                .allSatisfy(s ->
                        assertThat(s).matches("(" + NatLab.PUBLIC_APPLIANCE + "|" + NatLab.LAN_APPLIANCE + "):\\d+"));
    }

    /**
     * Nothing that reached a phone names a private address of another party, in SDP or in a Contact: phones behind
     * NAT must not see the office's or the other home's addresses, nor LAN phones a home's (issue 20).
     */
    static void noPrivateAddressReached(Sipp.Running phone, Phone self) {
        String received = SippLog.receivedInCalls(phone.messages());
        assertThat(received)
                .as("what " + self.ns() + " received in its calls")
                .contains("Contact:")
                .doesNotContainPattern("(?m)^(c=|o=).*IN IP4 (192\\.168\\.|10\\.0\\.0\\.)")
                .doesNotContainPattern("(?im)^(Contact|m):[^\\n]*@(192\\.168\\.|10\\.0\\.0\\.)");
        if (!self.ip().equals(NatLab.PHONE_C)) {
            // outside the office the appliance's LAN address is unreachable: the ways back to it name the public one
            assertThat(received)
                    .as("the Contacts that reached " + self.ns())
                    .doesNotContainPattern("(?im)^(Contact|m):[^\\n]*[@:<]10\\.0\\.0\\.");
            for (String entry : SippLog.facingRecordRoutes(phone.messages())) {
                assertThat(entry)
                        .as("the Record-Route entry " + self.ns() + " sends its requests to")
                        .doesNotContain("10.0.0.");
            }
        }
    }

    /** Waits until {@code extension} has a registration (a softphone's). */
    void awaitRegistered(String extension, String who) {
        Awaitility.await(who + " registered")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !api.registrationsOf(extension).isEmpty());
    }

    /** Waits until baresip has recorded {@code seconds} more of what it hears (8 kHz 16-bit mono dumps). */
    static void awaitRecorded(Baresip softphone, double seconds) throws IOException {
        long from = WavTone.heardBytes(softphone.dir());
        Awaitility.await("baresip records " + seconds + " s")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> WavTone.heardBytes(softphone.dir()) >= from + (long) (seconds * 16_000));
    }

    static void ok(TandemApi.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    static Path resource(String scenario, String file) {
        try {
            return Path.of(
                    NatCalls.class.getResource("/sipp/" + scenario + "/" + file).toURI());
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
