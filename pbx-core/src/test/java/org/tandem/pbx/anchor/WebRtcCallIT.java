package org.tandem.pbx.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.dtls.BrowserDtls;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.sdp.MediaDescription;
import org.tandem.media.sdp.SessionDescription;
import org.tandem.media.srtp.JitsiSrtp;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * A WebRTC party's DTLS-SRTP through the proxy and relay (issue 16), with the browser's side played by bctls' DTLS
 * client and jitsi-srtp (not our code): its SIP offer names UDP/TLS/RTP/SAVPF with its certificate's fingerprint; the
 * relay answers a=setup:passive with its own fingerprint, shakes hands on the browser's face, and bridges SRTP under
 * the exported keys to a plain-RTP phone. A browser whose certificate is not the one its SDP named gets no media, and
 * the call is hung up on both sides, its record saying dtls-failed.
 */
class WebRtcCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.media.bind-address",
                        "127.0.0.1",
                        "tandem.media.advertised-address",
                        "127.0.0.1",
                        "tandem.media.relay",
                        "auto"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("691", "Browser", "secret691", null));
        users.create(new UserDraft("692", "Desk phone", "secret692", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aBrowsersDtlsSrtpIsTerminatedAndBridgedToAPlainPhone() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        BrowserDtls dtls = BrowserDtls.withFreshCertificate(relay.dtlsFingerprint());
        try (DatagramSocket media = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "691", "secret691")
                        .offer(webRtcOffer(media.getLocalPort(), dtls.fingerprint()));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "692", "secret692").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("692");
            SipText atB = b.request("INVITE");
            assertThat(SessionDescription.parse(atB.body()).firstAudio().proto())
                    .isEqualTo("RTP/AVP");
            assertThat(atB.body()).doesNotContain("fingerprint").doesNotContain("setup");
            b.respond(atB, 200, "OK");
            SipText ok = a.answered(ab);
            b.request("ACK");
            MediaDescription answer = SessionDescription.parse(ok.body()).firstAudio();
            assertThat(answer.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
            assertThat(answer.attributes("setup")).containsExactly("passive");
            assertThat(answer.attributes("fingerprint")).containsExactly(relay.dtlsFingerprint());
            bRtp.answeredBy(atB.body());

            media.setSoTimeout(3000);
            dtls.connect(media, new InetSocketAddress("127.0.0.1", answer.port()));
            JitsiSrtp send = new JitsiSrtp(dtls.sendKey(), true);
            JitsiSrtp hear = new JitsiSrtp(dtls.receiveKey(), false);
            // a browser sends 50 packets a second from the handshake on; the relay's keys may be a moment behind
            int[] seq = {4242};
            byte[] payload = Arrays.copyOfRange(rtp(0), 12, 172);
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        media.send(packet(send.protectRtp(rtp(seq[0]++)), answer.port()));
                        return bRtp.packets().stream()
                                .anyMatch(
                                        p -> p.length == 172 && Arrays.equals(Arrays.copyOfRange(p, 12, 172), payload));
                    });
            bRtp.send(new short[1600]);
            byte[] srtp = receive(media);
            assertThat(hear.unprotectRtp(srtp))
                    .as("the phone's RTP, encrypted under the DTLS server key")
                    .isNotNull();

            long bye = a.send(ab, "BYE");
            b.respond(b.request("BYE"), 200, "OK");
            assertThat(a.finalResponse(ab, "BYE", bye).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);
        }
    }

    @Test
    void aBrowserWithAnotherCertificateIsHungUpAndTheRecordSaysWhy() throws Exception {
        MediaRelay relay = pbx.bean(MediaRelay.class);
        BrowserDtls impostor = BrowserDtls.withFreshCertificate(relay.dtlsFingerprint());
        String namedInSdp =
                BrowserDtls.withFreshCertificate(relay.dtlsFingerprint()).fingerprint();
        try (DatagramSocket media = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                TestRtpPeer bRtp = new TestRtpPeer();
                RawPhone a = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "691", "secret691")
                        .offer(webRtcOffer(media.getLocalPort(), namedInSdp));
                RawPhone b =
                        new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "692", "secret692").offer(bRtp.offer())) {
            b.register();
            RawPhone.Leg ab = a.invite("692");
            SipText atB = b.request("INVITE");
            b.respond(atB, 200, "OK");
            SipText ok = a.answered(ab);
            b.request("ACK");
            int port = SessionDescription.parse(ok.body()).firstAudio().port();
            media.setSoTimeout(3000);
            try {
                impostor.connect(media, new InetSocketAddress("127.0.0.1", port));
            } catch (java.io.IOException expected) {
                // the relay refuses the certificate (bad_certificate)
            }
            SipText byeAtA = a.request("BYE", Duration.ofSeconds(10));
            SipText byeAtB = b.request("BYE", Duration.ofSeconds(10));
            for (SipText bye : new SipText[] {byeAtA, byeAtB}) {
                assertThat(bye.header("Reason")).contains("DTLS-SRTP with the caller failed");
            }
            a.respond(byeAtA, 200, "OK");
            b.respond(byeAtB, 200, "OK");
            await().atMost(Duration.ofSeconds(3)).until(() -> relay.openCalls() == 0);
            CallRecords records = pbx.bean(CallRecords.class);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> records.find(ab.callId)
                            .map(r -> r.endedAt() != null)
                            .orElse(false));
            CallRecord r = records.find(ab.callId).orElseThrow();
            assertThat(r.hangupSide()).isEqualTo(HangupSide.SYSTEM);
            assertThat(r.hangupCause()).isEqualTo("dtls-failed");
        }
    }

    /** What a browser offers, reduced to what matters here: WebRTC's profile, its fingerprint, rtcp-mux, no ICE. */
    private static String webRtcOffer(int port, String fingerprint) {
        return "v=0\r\no=- 31 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " UDP/TLS/RTP/SAVPF 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=fingerprint:" + fingerprint + "\r\na=setup:actpass\r\na=mid:0\r\na=rtcp-mux\r\na=sendrecv\r\n";
    }

    private static byte[] rtp(int seq) {
        byte[] p = new byte[172];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[11] = 0x2a;
        Arrays.fill(p, 12, 172, (byte) 0x7f);
        return p;
    }

    private static DatagramPacket packet(byte[] data, int port) {
        return new DatagramPacket(data, data.length, new InetSocketAddress("127.0.0.1", port));
    }

    /** The next RTP datagram on {@code socket} (DTLS retransmissions, first byte 20-63, are skipped). */
    private static byte[] receive(DatagramSocket socket) throws Exception {
        while (true) {
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            socket.receive(p);
            if ((p.getData()[0] & 0xff) >= 128) return Arrays.copyOf(p.getData(), p.getLength());
        }
    }
}
