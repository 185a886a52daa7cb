package org.tandem.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.srtp.JitsiSrtp;
import org.tandem.media.srtp.SrtpContext;

/**
 * The relay's DTLS-SRTP server (RFC 5763/5764) against a DTLS client playing the browser, over real UDP on loopback:
 * the client is bctls' own client code with a certificate of its own, as a browser's would be, offering use_srtp.
 * Both ends must export the same SRTP keys, and a packet the client protects with its key must check out with ours;
 * a client whose certificate is not the one its SDP named is refused.
 */
class DtlsHandshakeTest {

    static final DtlsCertificate RELAY = DtlsCertificate.generate();
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aBrowserLikeClientAndTheRelayAgreeOnSrtpKeys() throws Exception {
        DtlsCertificate browser = DtlsCertificate.generate();
        try (DatagramSocket relaySocket = socket();
                DatagramSocket browserSocket = socket()) {
            CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
            DtlsHandshake handshake = serve(relaySocket, browserSocket, browser.fingerprint(), keys);
            BrowserDtls client = new BrowserDtls(browser, RELAY.fingerprint());
            new DTLSClientProtocol().connect(client, BrowserDtls.transport(browserSocket, (InetSocketAddress)
                    relaySocket.getLocalSocketAddress()));
            DtlsSrtpKeys relayKeys = keys.get(10, TimeUnit.SECONDS);

            assertThat(relayKeys.received().masterKey())
                    .as("the client's write key is the one we check it with")
                    .isEqualTo(client.clientKey);
            assertThat(relayKeys.sent().masterKey()).isEqualTo(client.serverKey);
            assertThat(relayKeys.received().masterKey())
                    .isNotEqualTo(relayKeys.sent().masterKey());

            byte[] rtp = new byte[172];
            rtp[0] = (byte) 0x80;
            rtp[11] = 7;
            Arrays.fill(rtp, 12, 172, (byte) 0x55);
            byte[] srtp = new JitsiSrtp(
                            new org.tandem.media.srtp.SdesCrypto(
                                    1,
                                    org.tandem.media.srtp.CryptoSuite.AES_CM_128_HMAC_SHA1_80,
                                    client.clientKey,
                                    client.clientSalt,
                                    org.tandem.media.srtp.SdesCrypto.MAX_LIFETIME,
                                    0,
                                    0),
                            true)
                    .protectRtp(rtp);
            byte[] check = Arrays.copyOf(srtp, srtp.length + 64);
            int plain = SrtpContext.of(relayKeys.received()).unprotectRtp(check, srtp.length);
            assertThat(plain)
                    .as("jitsi-srtp under the client's key, checked by our SRTP under the relay's")
                    .isEqualTo(172);
            assertThat(Arrays.copyOf(check, 172)).isEqualTo(rtp);
            handshake.close();
        }
    }

    @Test
    void aClientWhoseCertificateIsNotTheOneItsSdpNamedIsRefused() throws Exception {
        DtlsCertificate browser = DtlsCertificate.generate();
        DtlsCertificate someoneElse = DtlsCertificate.generate();
        try (DatagramSocket relaySocket = socket();
                DatagramSocket browserSocket = socket()) {
            CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
            serve(relaySocket, browserSocket, someoneElse.fingerprint(), keys);
            assertThatThrownBy(() -> new DTLSClientProtocol()
                            .connect(
                                    new BrowserDtls(browser, RELAY.fingerprint()),
                                    BrowserDtls.transport(
                                            browserSocket, (InetSocketAddress) relaySocket.getLocalSocketAddress())))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> keys.get(10, TimeUnit.SECONDS)).hasMessageContaining("a=fingerprint");
        }
    }

    @Test
    void fingerprintsAreSha256HexPairsAndCompareWithoutCase() throws IOException {
        assertThat(RELAY.fingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        byte[] der = RELAY.chain().getCertificateAt(0).getEncoded().clone();
        assertThat(DtlsCertificate.matches(RELAY.fingerprint().toLowerCase(), der))
                .isTrue();
        assertThat(DtlsCertificate.matches("sha-1 " + RELAY.fingerprint().substring(8), der))
                .isFalse();
        assertThat(DtlsCertificate.matches(DtlsCertificate.generate().fingerprint(), der))
                .isFalse();
    }

    private DtlsHandshake serve(
            DatagramSocket relay, DatagramSocket browser, String expected, CompletableFuture<DtlsSrtpKeys> keys) {
        InetSocketAddress to = (InetSocketAddress) browser.getLocalSocketAddress();
        DtlsHandshake h = DtlsHandshake.start(
                RELAY,
                expected,
                (d, off, len) -> relay.send(new DatagramPacket(d, off, len, to)),
                threads,
                keys::complete,
                reason -> keys.completeExceptionally(new IOException(reason)));
        threads.execute(
                () -> { // the face's IO thread: hands each datagram over
                    byte[] buf = new byte[2048];
                    try {
                        relay.setSoTimeout(200);
                        while (!relay.isClosed()) {
                            DatagramPacket p = new DatagramPacket(buf, buf.length);
                            try {
                                relay.receive(p);
                            } catch (SocketTimeoutException e) {
                                continue;
                            }
                            h.received(Arrays.copyOf(p.getData(), p.getLength()));
                        }
                    } catch (IOException e) {
                        // closed
                    }
                });
        return h;
    }

    private static DatagramSocket socket() throws IOException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
