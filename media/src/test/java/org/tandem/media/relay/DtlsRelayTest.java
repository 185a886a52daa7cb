package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.dtls.BrowserDtls;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.internal.UdpRelay;
import org.tandem.media.srtp.JitsiSrtp;

/**
 * DTLS-SRTP on a relay face (issue 16, RFC 5763/5764): a browser (bctls' DTLS client with its own certificate, over a
 * real UDP socket) shakes hands with the relay on the RTP port of its face, then talks SRTP under the exported keys
 * with a plain-RTP phone on the other face. Nothing it sends is relayed before the keys exist; a browser whose
 * certificate is not the one its SDP named never gets keys, and the owner is told why.
 */
class DtlsRelayTest {

    private UdpRelay relay;
    private RelayLeg browserFace;
    private RelayLeg phoneFace;
    private Party browser;
    private Party phone;
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        int base = 30000 + 2 * (int) (Math.random() * 2000);
        relay = new UdpRelay(
                RelayProperties.defaults(), new PortAllocator(InetAddress.getByName("127.0.0.1"), base, base + 19));
        RelayCall call = relay.open(
                "dtls-1",
                new RelayEvents() {
                    @Override
                    public void dtlsFailed(Side side, String reason) {
                        failure.complete(side + ": " + reason);
                    }
                },
                Runnable::run);
        browserFace = call.leg(Side.CALLER);
        phoneFace = call.leg(Side.CALLEE);
        browser = new Party("127.0.0.1");
        phone = new Party("127.0.0.1");
        browserFace.expect(browser.rtpAddress(), null, true, browser.ip(), 8000); // WebRTC: rtcp-mux (RFC 8834)
        phone.introduceTo(phoneFace);
    }

    @AfterEach
    void stop() {
        relay.close();
        browser.close();
        phone.close();
    }

    @Test
    void aBrowserShakesHandsOnItsFaceAndTalksSrtpWithAPlainPhone() throws Exception {
        BrowserDtls dtls = BrowserDtls.withFreshCertificate(relay.dtlsFingerprint());
        browserFace.dtlsSrtp(dtls.fingerprint());
        JitsiSrtp early = new JitsiSrtp(
                org.tandem.media.srtp.SdesCrypto.generate(1, org.tandem.media.srtp.CryptoSuite.AES_CM_128_HMAC_SHA1_80),
                true);
        Party.send(browser.rtp, early.protectRtp(Party.rtp(1, 160, 0xb7)), browserFace.localRtpPort());

        dtls.connect(browser.rtp, new InetSocketAddress("127.0.0.1", browserFace.localRtpPort()));
        JitsiSrtp sends = new JitsiSrtp(dtls.sendKey(), true);
        JitsiSrtp hears = new JitsiSrtp(dtls.receiveKey(), false);
        // the client is done when our Finished reaches it, a moment before our side has exported the keys: like a
        // browser, which sends 50 packets a second from then on, it keeps sending until the first one goes through
        phone.rtp.setSoTimeout(100);
        byte[] first = null;
        for (int tries = 0; first == null && tries < 30; tries++) {
            Party.send(browser.rtp, sends.protectRtp(Party.rtp(50 + tries, 160, 0xb7)), browserFace.localRtpPort());
            try {
                first = Party.receive(phone.rtp).data();
            } catch (AssertionError notYet) {
                // not relayed yet: the keys are a moment behind
            }
        }
        assertThat(first)
                .as("the browser's SRTP relayed once the handshake gave the keys")
                .isNotNull();
        // on a busy machine the packet of an earlier try may have been relayed late and the next try's still be on its
        // way: let every copy land before counting (a receive that times out ends the drain)
        phone.rtp.setSoTimeout(300);
        for (int late = 0; late < 30; late++) {
            try {
                Party.receive(phone.rtp);
            } catch (AssertionError drained) {
                break;
            }
        }
        phone.rtp.setSoTimeout(3000);
        long before = phoneFace.stats().packetsSent();
        for (int i = 0; i < 5; i++) {
            byte[] plain = Party.rtp(100 + i, 160 * (i + 1), 0xb7);
            Party.send(browser.rtp, sends.protectRtp(plain), browserFace.localRtpPort());
            assertThat(Party.receive(phone.rtp).data())
                    .as("the phone gets the browser's RTP, decrypted")
                    .isEqualTo(plain);
            byte[] back = Party.rtp(500 + i, 160 * (i + 1), 0xf0);
            Party.send(phone.rtp, back, phoneFace.localRtpPort());
            byte[] srtp = Party.receiveMedia(browser.rtp).data();
            assertThat(srtp).hasSize(back.length + 10);
            assertThat(hears.unprotectRtp(srtp))
                    .as("the browser decrypts with the server write key")
                    .isEqualTo(back);
        }
        assertThat(browserFace.stats().srtpAuthFailures()).isZero();
        assertThat(phoneFace.stats().packetsSent() - before).isEqualTo(5);
        assertThat(browserFace.stats().packetsReceived())
                .as("the packet sent before the handshake was not relayed")
                .isEqualTo(phoneFace.stats().packetsSent());
        assertThat(failure).isNotDone();
    }

    @Test
    void aBrowserWithAnotherCertificateGetsNoKeysAndTheOwnerIsTold() throws Exception {
        BrowserDtls impostor = BrowserDtls.withFreshCertificate(relay.dtlsFingerprint());
        browserFace.dtlsSrtp(
                BrowserDtls.withFreshCertificate(relay.dtlsFingerprint()).fingerprint());
        assertThatThrownBy(() ->
                        impostor.connect(browser.rtp, new InetSocketAddress("127.0.0.1", browserFace.localRtpPort())))
                .isInstanceOf(IOException.class);
        assertThat(failure.get(10, TimeUnit.SECONDS)).startsWith("CALLER").contains("a=fingerprint");
        Party.send(browser.rtp, Party.rtp(7, 160, 0xb7), browserFace.localRtpPort());
        Party.send(phone.rtp, Party.rtp(8, 160, 0xf0), phoneFace.localRtpPort());
        Thread.sleep(Duration.ofMillis(300).toMillis());
        assertThat(phoneFace.stats().packetsSent())
                .as("nothing from a face without keys is relayed")
                .isZero();
    }
}
