package org.tandem.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our SRTP against jitsi-srtp (an independent implementation) both ways, and RFC 3711's own test vectors. */
class SrtpContextTest {

    @Test
    void keyDerivationGivesRfc3711AppendixB3Keys() throws Exception {
        // RFC 3711 Appendix B.3
        byte[] masterKey = HexFormat.of().parseHex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = HexFormat.of().parseHex("0EC675AD498AFEEBB6960B3AABE6");
        Cipher prf = Cipher.getInstance("AES/ECB/NoPadding");
        prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
        assertThat(HexFormat.of().formatHex(SessionKeys.derive(prf, masterSalt, 0, 16)))
                .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(HexFormat.of().formatHex(SessionKeys.derive(prf, masterSalt, 2, 14)))
                .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
        assertThat(HexFormat.of().formatHex(SessionKeys.derive(prf, masterSalt, 1, 20)))
                .isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void jitsiSrtpDecryptsWhatWeProtectAndWeDecryptWhatItProtects(CryptoSuite suite) throws Exception {
        SdesCrypto key = SdesCrypto.generate(1, suite);
        SrtpContext ours = SrtpContext.of(key);
        JitsiSrtp theirs = new JitsiSrtp(key, false);
        for (int seq = 65530; seq < 65545; seq++) { // across the sequence number's wrap: the rollover counter counts
            byte[] plain = rtp(seq & 0xffff, 0x1234abcd);
            byte[] p = Arrays.copyOf(plain, plain.length + ours.overhead());
            int n = ours.protectRtp(p, plain.length);
            assertThat(n).isEqualTo(plain.length + suite.rtpTagLength());
            assertThat(Arrays.copyOfRange(p, 12, plain.length))
                    .isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));
            assertThat(theirs.unprotectRtp(Arrays.copyOf(p, n))).isEqualTo(plain);
        }

        JitsiSrtp phone = new JitsiSrtp(key, true);
        SrtpContext relay = SrtpContext.of(key);
        for (int seq = 65530; seq < 65545; seq++) {
            byte[] plain = rtp(seq & 0xffff, 0x55aa55aa);
            byte[] srtp = phone.protectRtp(plain);
            byte[] p = Arrays.copyOf(srtp, srtp.length);
            assertThat(relay.unprotectRtp(p, p.length)).isEqualTo(plain.length);
            assertThat(Arrays.copyOf(p, plain.length)).isEqualTo(plain);
        }
    }

    @Test
    void srtcpBothWays() throws Exception {
        SdesCrypto key = SdesCrypto.generate(3, CryptoSuite.AES_CM_128_HMAC_SHA1_32);
        byte[] rr = receiverReport();
        SrtpContext ours = SrtpContext.of(key);
        byte[] p = Arrays.copyOf(rr, rr.length + ours.overhead());
        int n = ours.protectRtcp(p, rr.length);
        assertThat(n).isEqualTo(rr.length + 4 + 10);
        assertThat(new JitsiSrtp(key, false).unprotectRtcp(Arrays.copyOf(p, n))).isEqualTo(rr);

        byte[] srtcp = new JitsiSrtp(key, true).protectRtcp(rr);
        SrtpContext relay = SrtpContext.of(key);
        byte[] q = srtcp.clone();
        assertThat(relay.unprotectRtcp(q, q.length)).isEqualTo(rr.length);
        assertThat(Arrays.copyOf(q, rr.length)).isEqualTo(rr);
        assertThat(relay.unprotectRtcp(srtcp.clone(), srtcp.length))
                .as("a replayed SRTCP packet")
                .isEqualTo(-1);
    }

    @Test
    void anAlteredOrReplayedPacketOrOneUnderAnotherKeyIsRefused() throws Exception {
        SdesCrypto key = SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80);
        JitsiSrtp phone = new JitsiSrtp(key, true);
        SrtpContext relay = SrtpContext.of(key);
        byte[] first = phone.protectRtp(rtp(100, 7));
        byte[] altered = first.clone();
        altered[20] ^= 1;
        assertThat(relay.unprotectRtp(altered, altered.length)).isEqualTo(-1);
        assertThat(relay.unprotectRtp(first.clone(), first.length)).isPositive();
        assertThat(relay.unprotectRtp(first.clone(), first.length)).as("replay").isEqualTo(-1);
        byte[] other = new JitsiSrtp(SdesCrypto.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80), true)
                .protectRtp(rtp(101, 7));
        assertThat(relay.unprotectRtp(other, other.length)).isEqualTo(-1);
        byte[] next = phone.protectRtp(rtp(101, 7));
        assertThat(relay.unprotectRtp(next, next.length))
                .as("the stream goes on after refusals")
                .isPositive();
    }

    static byte[] rtp(int seq, int ssrc) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
        for (int i = 0; i < 160; i++) b.put((byte) (seq * 7 + i));
        return b.array();
    }

    static byte[] receiverReport() {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x0badf00d);
        b.putInt(0x1234abcd)
                .putInt(0x01000005)
                .putInt(4000)
                .putInt(12)
                .putInt(0)
                .putInt(0);
        return b.array();
    }
}
