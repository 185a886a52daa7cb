package org.tandem.pbx.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.internal.G711;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.JitsiSrtp;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TestCertificates;

/**
 * SRTP through the proxy (issue 22): a desk phone on SIP-TLS offers RTP/SAVP with an a=crypto key and calls a phone
 * on UDP, both on one LAN (the relay, in auto mode, would let them talk directly but for SRTP). The TLS phone's media
 * is jitsi-srtp (not the relay's code): it encrypts its 440 Hz with its own key and decrypts what it gets with the
 * key in the answer's a=crypto; the UDP phone gets plain RTP and its key never. Each must hear the other's tone.
 */
class SrtpCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static int tlsPort;

    @BeforeAll
    static void start() {
        tlsPort = FreePorts.udpAndTcp();
        Path keystore = TestCertificates.keystore(
                TestCertificates.selfSigned("CN=127.0.0.1", "127.0.0.1"), data.resolve("sip-tls.p12"), "changeit");
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.media.bind-address",
                        "127.0.0.1",
                        "tandem.media.advertised-address",
                        "127.0.0.1",
                        "tandem.media.relay",
                        "auto",
                        "tandem.sip.tls-port",
                        Integer.toString(tlsPort),
                        "tandem.sip.tls-keystore",
                        keystore.toString(),
                        "tandem.sip.tls-keystore-password",
                        "changeit"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("681", "Desk phone on TLS", "secret681", null));
        users.create(new UserDraft("682", "Phone on UDP", "secret682", null));
        users.create(new UserDraft("683", "Box with no phone", "secret683", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aTlsPhoneOfferingSrtpAndAUdpPhoneHearEachOtherThroughTheRelay() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        SdesCrypto aKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        try (DatagramSocket aRtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a = RawPhone.overTls(tlsPort, PbxTestContext.DOMAIN, "681", "secret681")
                        .offer(savpOffer(aRtp.getLocalPort(), aKey));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "682", "secret682").offer(bRtp.offer())) {
            a.register();
            b.register();
            RawPhone.Leg ab = a.invite("682");
            SipText atB = b.request("INVITE");
            MediaDescription offeredToB = SessionDescription.parse(atB.body()).firstAudio();
            assertThat(offeredToB.proto())
                    .as("a UDP phone is offered plain RTP")
                    .isEqualTo("RTP/AVP");
            assertThat(atB.body()).doesNotContain("a=crypto").doesNotContain("m=audio " + aRtp.getLocalPort() + " ");
            assertThat(relay.openCalls())
                    .as("anchored for SRTP though both are on the LAN")
                    .isEqualTo(1);
            b.respond(atB, 200, "OK");
            SipText ok = a.answered(ab);
            b.request("ACK");
            MediaDescription answer = SessionDescription.parse(ok.body()).firstAudio();
            assertThat(answer.proto()).isEqualTo("RTP/SAVP");
            assertThat(answer.attributes("crypto")).hasSize(1);
            SdesCrypto relayKey = SdesCrypto.parse(answer.attributes("crypto").get(0));
            assertThat(relayKey.tag()).isEqualTo(1);
            assertThat(relayKey.masterKey())
                    .as("the relay's own key, not A's echoed")
                    .isNotEqualTo(aKey.masterKey());
            bRtp.answeredBy(atB.body());
            InetSocketAddress relayFaceA = new InetSocketAddress("127.0.0.1", answer.port());

            // B talks twice as long as A: A listens only while it talks (talkSrtp), which on a loaded machine can start
            // a good while after B did (a 2 s tone of B's once ended before A heard any of it)
            Future<?> bTalks = bRtp.send(Tones.sine(880, Duration.ofSeconds(4)));
            short[] heardByA = talkSrtp(aRtp, relayFaceA, aKey, relayKey, Tones.sine(440, Duration.ofSeconds(2)));
            short[] heardByB = bRtp.awaitSamples(8000, 6000);
            bTalks.get();
            assertThat(Spectrum.toneFraction(heardByB, 0, heardByB.length, 440, 1000))
                    .as("B hears A's 440 Hz, decrypted by the relay")
                    .isGreaterThan(0.8);
            assertThat(Spectrum.toneFraction(heardByA, 0, heardByA.length, 880, 1000))
                    .as("A decrypts B's 880 Hz with the key of the answer's a=crypto")
                    .isGreaterThan(0.5);
            assertThat(relay.srtpAuthFailures()).isZero();

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);
        }
    }

    /**
     * A re-INVITE through the relay whose a=crypto cannot be used (RFC 4568 §7.1.4) is refused with 488 saying why,
     * never reaches the other party, and changes nothing: the next good re-offer is answered with the relay's same key.
     */
    @Test
    void aReOfferWithUnusableKeysIsRefusedAndTheCallKeepsItsKeys() throws Exception {
        SdesCrypto aKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        try (TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a = RawPhone.overTls(tlsPort, PbxTestContext.DOMAIN, "681", "secret681")
                        .offer(savpOffer(4000, aKey));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "682", "secret682").offer(bRtp.offer())) {
            a.register();
            b.register();
            RawPhone.Leg ab = a.invite("682");
            b.respond(b.request("INVITE"), 200, "OK");
            String relayKey = SessionDescription.parse(a.answered(ab).body())
                    .firstAudio()
                    .attributes("crypto")
                    .get(0);
            b.request("ACK");

            String bad = savpOffer(4000, aKey)
                    .replace("o=- 7 7", "o=- 7 8")
                    .replace("AES_CM_128_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_80");
            SipText refused = a.reInvite(ab, bad);
            assertThat(refused.status()).isEqualTo(488);
            assertThat(refused.startLine()).contains("AES_256_CM_HMAC_SHA1_80");
            a.ackReInviteFailure(ab, refused);

            long hold = a.sendReInvite(
                    ab, savpOffer(4000, aKey).replace("o=- 7 7", "o=- 7 9").replace("a=sendrecv", "a=sendonly"));
            SipText atB = b.request("INVITE");
            assertThat(atB.body())
                    .as("B gets only the good re-offer, plain")
                    .contains("RTP/AVP")
                    .contains("a=sendonly")
                    .doesNotContain("a=crypto")
                    .doesNotContain("AES_256");
            b.respond(atB, 200, "OK");
            SipText answer = a.finalResponse(ab, "INVITE", hold);
            assertThat(answer.status()).isEqualTo(200);
            a.sendInDialog(ab, "ACK", ab.cseq);
            assertThat(SessionDescription.parse(answer.body()).firstAudio().attributes("crypto"))
                    .as("the relay's key is unchanged by the refused re-offer")
                    .containsExactly(relayKey);
            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
        }
    }

    /**
     * The media services answer SRTP themselves (issue 22): the TLS phone calls a box whose user has no phone, so its
     * voicemail answers in-process, with RTP/SAVP and a key of its own; the phone hears the greeting by decrypting it
     * (jitsi-srtp). A re-INVITE whose a=crypto the service cannot take gets 488 saying why, and the call goes on.
     */
    @Test
    void voicemailAnswersATlsPhonesSrtpOfferWithSrtp() throws Exception {
        try (TestRtpPeer rtp = new TestRtpPeer().withSrtp();
                RawPhone a = RawPhone.overTls(tlsPort, PbxTestContext.DOMAIN, "681", "secret681")
                        .offer(rtp.offer())) {
            RawPhone.Leg leg = a.invite("683");
            SipText ok = a.answered(leg);
            MediaDescription answer = SessionDescription.parse(ok.body()).firstAudio();
            assertThat(answer.proto()).isEqualTo("RTP/SAVP");
            assertThat(answer.attributes("crypto")).hasSize(1);
            assertThat(pbx.bean(MediaRelay.class).openCalls())
                    .as("answered by the media services, not relayed")
                    .isZero();
            rtp.answeredBy(ok.body());
            rtp.send(new short[1600]);
            short[] heard = rtp.awaitSamples(8000, 8000);
            assertThat(Spectrum.rms(heard, 0, heard.length))
                    .as("the greeting, decrypted by the phone")
                    .isGreaterThan(300);
            assertThat(rtp.srtpFailures()).isZero();

            SipText refused = a.reInvite(leg, rtp.offer().replace("AES_CM_128_HMAC_SHA1_80", "F8_128_HMAC_SHA1_80"));
            assertThat(refused.status()).isEqualTo(488);
            assertThat(refused.startLine()).contains("F8_128_HMAC_SHA1_80");
            a.ackReInviteFailure(leg, refused);
            rtp.clearReceived();
            // the greeting may be over by now (a loaded machine): the box then sends silence, which decrypts to zeros,
            // so what shows the call goes on with its keys is packets still arriving and every one authenticating
            assertThat(rtp.awaitSamples(1600, 5000))
                    .as("the call goes on: the service's packets still arrive")
                    .hasSizeGreaterThanOrEqualTo(1600);
            assertThat(rtp.srtpFailures())
                    .as("... and decrypt with the keys of before the refused re-offer")
                    .isZero();
            assertThat(a.inDialog(leg, "BYE").status()).isEqualTo(200);
        }
    }

    @Test
    void keysOfferedOverUdpAreRefusedWith488() throws Exception {
        try (RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "681", "secret681")
                        .offer(savpOffer(4000, SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80)));
                RawPhone b = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "682", "secret682")) {
            b.register();
            RawPhone.Leg leg = a.invite("682");
            SipText refused = a.response(leg, 488);
            assertThat(refused.startLine()).contains("SIP-TLS");
            a.ackFailure(leg, refused);
        }
    }

    private static String savpOffer(int port, SdesCrypto key) {
        return "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
                + "a=crypto:" + key.format() + "\r\na=sendrecv\r\n";
    }

    /**
     * The TLS phone's media, paced at 20 ms: sends {@code tone} as SRTP under {@code ours} and decrypts what comes
     * back with {@code theirs}; returns what it heard.
     */
    private static short[] talkSrtp(
            DatagramSocket socket, InetSocketAddress relay, SdesCrypto ours, SdesCrypto theirs, short[] tone)
            throws Exception {
        JitsiSrtp send = new JitsiSrtp(ours, true);
        JitsiSrtp receive = new JitsiSrtp(theirs, false);
        int blocks = tone.length / 160;
        short[] heard = new short[blocks * 160];
        int got = 0;
        socket.setSoTimeout(20);
        long next = System.nanoTime();
        for (int i = 0; i < blocks; i++) {
            ByteBuffer rtp = ByteBuffer.allocate(172);
            rtp.put((byte) 0x80)
                    .put((byte) 0)
                    .putShort((short) (1000 + i))
                    .putInt(i * 160)
                    .putInt(0x5eca1e);
            for (int s = 0; s < 160; s++) rtp.put(G711.linearToUlaw(tone[i * 160 + s]));
            byte[] srtp = send.protectRtp(rtp.array());
            socket.send(new DatagramPacket(srtp, srtp.length, relay));
            next += 20_000_000L;
            while (System.nanoTime() < next) {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                byte[] plain = receive.unprotectRtp(Arrays.copyOf(p.getData(), p.getLength()));
                if (plain == null || got + 160 > heard.length) continue;
                for (int s = 12; s < plain.length && s < 172; s++) heard[got++] = G711.ulawDecode(plain[s]);
            }
        }
        return Arrays.copyOf(heard, got);
    }
}
