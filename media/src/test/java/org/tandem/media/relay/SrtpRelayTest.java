package org.tandem.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.G711;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.Party.Received;
import org.tandem.media.relay.internal.UdpRelay;
import org.tandem.media.srtp.CryptoSuite;
import org.tandem.media.srtp.JitsiSrtp;
import org.tandem.media.srtp.SdesCrypto;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;

/**
 * The relay bridging SRTP and plain RTP (issue 22), over real sockets. The SRTP phone's side is jitsi-srtp, an
 * implementation independent of the relay's, so a tone that survives the trip proves the relay speaks RFC 3711 as
 * others do; what is heard is checked by frequency (Goertzel), not by bytes.
 */
class SrtpRelayTest {

    private PortAllocator ports;
    private UdpRelay relay;
    private RelayLeg caller;
    private RelayLeg callee;
    private Party alice; // on SIP-TLS, speaks SRTP
    private Party bob; // plain RTP (a UDP phone, a trunk)

    @BeforeEach
    void start() throws Exception {
        int base = 20000 + 2 * (int) (Math.random() * 4000);
        ports = new PortAllocator(InetAddress.getByName("127.0.0.1"), base, base + 39);
        relay = new UdpRelay(RelayProperties.defaults(), ports);
        RelayCall call = relay.open("srtp-1", null, Runnable::run);
        caller = call.leg(Side.CALLER);
        callee = call.leg(Side.CALLEE);
        alice = new Party("127.0.0.1");
        bob = new Party("127.0.0.1");
        alice.introduceTo(caller);
        bob.introduceTo(callee);
    }

    @AfterEach
    void stop() {
        relay.close();
        alice.close();
        bob.close();
    }

    @Test
    void anSrtpPhoneAndAPlainPhoneHearEachOtherThroughTheRelay() throws Exception {
        SdesCrypto alicesKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        SdesCrypto relaysKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80); // in the answer to alice
        caller.srtp(alicesKey, relaysKey);
        JitsiSrtp aliceSends = new JitsiSrtp(alicesKey, true);
        JitsiSrtp aliceHears = new JitsiSrtp(relaysKey, false);
        JitsiSrtp withAlicesOwnKey = new JitsiSrtp(alicesKey, false);

        short[] heardByBob = new short[25 * 160];
        short[] heardByAlice = new short[25 * 160];
        short[] aliceTone = Tones.sine(440, Duration.ofMillis(500));
        short[] bobTone = Tones.sine(1000, Duration.ofMillis(500));
        for (int i = 0; i < 25; i++) {
            byte[] plain = pcmu(5000 + i, 0xa11ce, aliceTone, i);
            byte[] srtp = aliceSends.protectRtp(plain);
            Party.send(alice.rtp, srtp, caller.localRtpPort());
            Received got = Party.receive(bob.rtp);
            assertThat(got.data()).hasSize(plain.length); // no tag: bob gets plain RTP
            decode(got.data(), heardByBob, i);

            Party.send(bob.rtp, pcmu(9000 + i, 0xb0b, bobTone, i), callee.localRtpPort());
            Received back = Party.receive(alice.rtp);
            assertThat(back.data()).hasSize(plain.length + 10); // SRTP: the 80-bit tag
            assertThat(withAlicesOwnKey.unprotectRtp(back.data()))
                    .as("alice's own key opens nothing of the relay's")
                    .isNull();
            byte[] opened = aliceHears.unprotectRtp(back.data());
            assertThat(opened)
                    .as("alice decrypts with the relay's key from the answer")
                    .isNotNull();
            decode(opened, heardByAlice, i);
        }
        assertThat(Spectrum.amplitude(heardByBob, 440)).isGreaterThan(5 * Spectrum.amplitude(heardByBob, 1000));
        assertThat(Spectrum.amplitude(heardByAlice, 1000)).isGreaterThan(5 * Spectrum.amplitude(heardByAlice, 440));
        assertThat(Spectrum.amplitude(heardByBob, 440)).isGreaterThan(1000);
        assertThat(caller.stats().srtpAuthFailures()).isZero();
    }

    @Test
    void anAlteredOrForeignPacketIsDroppedAndCountedNeverForwarded() throws Exception {
        SdesCrypto alicesKey = SdesCrypto.generate(4, CryptoSuite.AES_CM_128_HMAC_SHA1_32);
        caller.srtp(alicesKey, SdesCrypto.generate(4, CryptoSuite.AES_CM_128_HMAC_SHA1_32));
        JitsiSrtp aliceSends = new JitsiSrtp(alicesKey, true);
        short[] tone = Tones.sine(440, Duration.ofMillis(100));

        byte[] altered = aliceSends.protectRtp(pcmu(100, 7, tone, 0));
        altered[40] ^= 0x01; // one bit of the encrypted payload
        Party.send(alice.rtp, altered, caller.localRtpPort());
        byte[] plainFromAlice = pcmu(101, 7, tone, 1); // plain RTP on an SRTP face: not authenticated either
        Party.send(alice.rtp, plainFromAlice, caller.localRtpPort());
        byte[] marker = pcmu(102, 7, tone, 2);
        Party.send(alice.rtp, aliceSends.protectRtp(marker), caller.localRtpPort());

        // the relay reads one socket in order: the marker arriving first proves the two before it were not relayed
        assertThat(Party.receive(bob.rtp).data()).isEqualTo(marker);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(caller.stats().srtpAuthFailures()).isEqualTo(2);
            assertThat(relay.srtpAuthFailures()).isEqualTo(2);
            assertThat(callee.stats().packetsSent()).isEqualTo(1);
        });
    }

    @Test
    void rtcpGoesAsSrtcpOnTheSrtpFace() throws Exception {
        SdesCrypto alicesKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        SdesCrypto relaysKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        caller.srtp(alicesKey, relaysKey);
        byte[] report = Party.receiverReport(0xa11ce, 3, 80);
        Party.send(alice.rtcp, new JitsiSrtp(alicesKey, true).protectRtcp(report), caller.localRtpPort() + 1);
        assertThat(Party.receive(bob.rtcp).data()).isEqualTo(report);
        await().atMost(Duration.ofSeconds(3)).until(() -> caller.stats().reportedLost() == 3); // read after decrypting

        byte[] bobsReport = Party.receiverReport(0xb0b, 0, 10);
        Party.send(bob.rtcp, bobsReport, callee.localRtpPort() + 1);
        byte[] srtcp = Party.receive(alice.rtcp).data();
        assertThat(srtcp).hasSize(bobsReport.length + 4 + 10);
        assertThat(new JitsiSrtp(relaysKey, false).unprotectRtcp(srtcp)).isEqualTo(bobsReport);
    }

    @Test
    void twoSrtpPhonesAreReKeyedPerFaceAndNeverSeeEachOthersKey() throws Exception {
        SdesCrypto alicesKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        SdesCrypto bobsKey = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        SdesCrypto toAlice = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        SdesCrypto toBob = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        caller.srtp(alicesKey, toAlice);
        callee.srtp(bobsKey, toBob);
        JitsiSrtp aliceSends = new JitsiSrtp(alicesKey, true);
        JitsiSrtp bobHears = new JitsiSrtp(toBob, false);
        short[] tone = Tones.sine(440, Duration.ofMillis(200));
        short[] heard = new short[10 * 160];
        for (int i = 0; i < 10; i++) {
            byte[] srtp = aliceSends.protectRtp(pcmu(300 + i, 0xa11ce, tone, i));
            Party.send(alice.rtp, srtp, caller.localRtpPort());
            byte[] got = Party.receive(bob.rtp).data();
            assertThat(got).hasSize(srtp.length).isNotEqualTo(srtp); // re-encrypted, not passed through
            byte[] opened = bobHears.unprotectRtp(got);
            assertThat(opened).isNotNull();
            decode(opened, heard, i);
        }
        assertThat(Spectrum.amplitude(heard, 440)).isGreaterThan(1000);
    }

    /** 20 ms of {@code tone} (block {@code block}) as a PCMU RTP packet. */
    private static byte[] pcmu(int seq, int ssrc, short[] tone, int block) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
        for (int i = 0; i < 160; i++) b.put(G711.linearToUlaw(tone[(block * 160 + i) % tone.length]));
        return b.array();
    }

    private static void decode(byte[] rtp, short[] into, int block) {
        byte[] payload = Arrays.copyOfRange(rtp, 12, rtp.length);
        assertThat(payload).hasSize(160);
        for (int i = 0; i < 160; i++) into[block * 160 + i] = G711.ulawDecode(payload[i]);
    }
}
