package org.tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.internal.JitsiMediaEngine;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.srtp.SdesException;
import org.tandem.media.srtp.SrtpMode;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.TestRtpPeer;
import org.tandem.media.testsupport.Tones;

/**
 * SRTP with SDES keys on the media services (issue 22): a phone on SIP-TLS that offers RTP/SAVP is answered with
 * RTP/SAVP and a key of the engine's own, hears the service's audio by decrypting it with that key, and is recorded
 * by the engine decrypting what it sends with the offer's key. The phone's SRTP is jitsi-srtp, not our code, so the
 * two implementations must agree on RFC 3711 for any tone to come through. Keys offered over UDP are refused.
 */
class SrtpSessionIT {

    static JitsiMediaEngine engine;
    static ExecutorService stripe;

    @TempDir
    static Path recordings;

    @BeforeAll
    static void start() {
        int base = 26000 + 2 * (int) (Math.random() * 2000);
        MediaProperties properties =
                new MediaProperties(base, base + 99, "127.0.0.1", "127.0.0.1", Duration.ofSeconds(30), recordings);
        engine = new JitsiMediaEngine(properties, PortAllocator.of(properties), SrtpMode.OPTIONAL);
        stripe = Executors.newSingleThreadExecutor(r -> new Thread(r, "call-stripe"));
    }

    @AfterAll
    static void stop() {
        engine.close();
        stripe.shutdownNow();
    }

    @Test
    void aTlsPhoneOfferingSrtpHearsTheServiceAndIsRecordedBothWaysEncrypted() throws Exception {
        try (TestRtpPeer phone = new TestRtpPeer().withSrtp()) {
            MediaSession session = engine.answer(phone.offer(), null, true, new MediaEvents() {}, stripe);
            String answer = session.answerSdp();
            assertThat(answer).contains("RTP/SAVP").containsOnlyOnce("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
            assertThat(session.isSrtp()).isTrue();
            phone.answeredBy(answer);

            session.play(Tones.sine(440, Duration.ofMillis(1500)));
            short[] heard = phone.awaitSamples(8000, 6000);
            assertThat(Spectrum.toneFraction(heard, 0, heard.length, 440, 1000))
                    .as("the phone decrypts the service's 440 Hz with the key of the answer")
                    .isGreaterThan(0.8);

            CompletableFuture<Recording> done = session.record(RecordOptions.voicemail(Duration.ofSeconds(10)))
                    .toCompletableFuture();
            phone.send(Tones.sine(880, Duration.ofMillis(1200))).get(5, TimeUnit.SECONDS);
            session.stopRecording();
            short[] recorded = Wav.read(done.get(5, TimeUnit.SECONDS).file());
            assertThat(Spectrum.toneSamples(recorded, 880, 4000) / 8)
                    .as("the engine decrypts the phone's 880 Hz with the offer's key")
                    .isBetween(1000, 1250);
            assertThat(phone.srtpFailures())
                    .as("every packet the phone got authenticated")
                    .isZero();
            session.close();
        }
    }

    /** RFC 3711 §3.4: the session's RTCP goes out as SRTCP under the same key, which the phone can check. */
    @Test
    void theSessionsRtcpIsSrtcp() throws Exception {
        try (TestRtpPeer phone = new TestRtpPeer().withSrtp();
                java.net.DatagramSocket rtcp =
                        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            // RFC 3605: the phone takes RTCP on a port of its own
            String offer = phone.offer().replace("a=ptime:20", "a=ptime:20\r\na=rtcp:" + rtcp.getLocalPort());
            MediaSession session = engine.answer(offer, null, true, new MediaEvents() {}, stripe);
            phone.answeredBy(session.answerSdp());
            SdesCrypto key = SdesCrypto.parse(crypto(session.answerSdp()));
            org.tandem.media.srtp.JitsiSrtp check = new org.tandem.media.srtp.JitsiSrtp(key, false);
            phone.send(Tones.sine(500, Duration.ofSeconds(8)));
            session.play(Tones.sine(440, Duration.ofSeconds(8)));
            rtcp.setSoTimeout(12_000);
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[1500], 1500);
            rtcp.receive(p);
            byte[] srtcp = java.util.Arrays.copyOf(p.getData(), p.getLength());
            byte[] plain = check.unprotectRtcp(srtcp);
            assertThat(plain)
                    .as("authenticated and decrypted with the answer's key")
                    .isNotNull();
            assertThat(plain[1] & 0xff).as("an RTCP sender or receiver report").isBetween(200, 201);
            assertThat(srtcp[srtcp.length - 14] & 0x80)
                    .as("the E flag: encrypted (RFC 3711 §3.4)")
                    .isNotZero();
            session.close();
        }
    }

    /** RFC 4568 §7.1.4: a re-offer under a new key of the phone's; the engine keeps its own key (same tag, suite). */
    @Test
    void aReOfferWithANewKeyIsTakenAndOurKeyStays() throws Exception {
        try (TestRtpPeer phone = new TestRtpPeer().withSrtp()) {
            MediaSession session = engine.answer(phone.offer(), null, true, new MediaEvents() {}, stripe);
            String first = session.answerSdp();
            phone.answeredBy(first);
            phone.withSrtpKey(SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80));
            String second = session.updateRemote(phone.offer());
            assertThat(crypto(second)).isEqualTo(crypto(first));
            phone.answeredBy(second);

            CompletableFuture<Recording> done = session.record(RecordOptions.voicemail(Duration.ofSeconds(10)))
                    .toCompletableFuture();
            phone.send(Tones.sine(660, Duration.ofMillis(1000))).get(5, TimeUnit.SECONDS);
            session.stopRecording();
            short[] recorded = Wav.read(done.get(5, TimeUnit.SECONDS).file());
            assertThat(Spectrum.toneSamples(recorded, 660, 4000) / 8)
                    .as("decrypted with the phone's new key")
                    .isBetween(800, 1050);

            // a re-offer without a usable key is refused and changes nothing (the caller answers it 488)
            assertThatThrownBy(() -> session.updateRemote(phone.offer().replaceAll("a=crypto:[^\r]*\r\n", "")))
                    .isInstanceOf(SdesException.class)
                    .hasMessageContaining("a=crypto");
            assertThat(session.isSrtp()).isTrue();
            session.close();
        }
    }

    @Test
    void keysOfferedOverUdpAreRefusedAndNoPortIsTaken() throws Exception {
        try (TestRtpPeer phone = new TestRtpPeer().withSrtp()) {
            // sessions of the tests before this one release their ports on the engine's own thread after close()
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.portsInUse() == 0);
            int before = engine.portsInUse();
            assertThatThrownBy(() -> engine.answer(phone.offer(), null, false, new MediaEvents() {}, stripe))
                    .isInstanceOf(SdesException.class)
                    .hasMessageContaining("SIP-TLS");
            assertThat(engine.portsInUse()).isEqualTo(before);
        }
    }

    private static String crypto(String sdp) {
        return sdp.replaceAll("(?s).*a=crypto:([^\r\n]*).*", "$1");
    }
}
