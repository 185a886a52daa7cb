package org.tandem.media.srtp;

import java.util.Arrays;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * A phone's SRTP for tests, by an implementation independent of ours: jitsi-srtp (the library Jitsi Meet's bridge
 * uses), so a test where it and {@link SrtpContext} understand each other checks ours against RFC 3711 as another
 * team read it, not against itself.
 */
public final class JitsiSrtp {

    private final SrtpContextFactory factory;
    private final CryptoSuite suite;
    private SrtpCryptoContext rtp;
    private SrtcpCryptoContext rtcp;

    /** @param sender true to protect (the phone sends with this key), false to unprotect (it receives with it) */
    public JitsiSrtp(SdesCrypto key, boolean sender) {
        this.suite = key.suite();
        SrtpPolicy rtpPolicy = new SrtpPolicy(
                SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, suite.rtpTagLength(), 14);
        SrtpPolicy rtcpPolicy = new SrtpPolicy(
                SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, suite.rtcpTagLength(), 14);
        factory = new SrtpContextFactory(
                sender, key.masterKey(), key.masterSalt(), rtpPolicy, rtcpPolicy, new LoggerImpl("srtp-test"));
    }

    /** The SRTP packet of {@code plain}, or throws. */
    public byte[] protectRtp(byte[] plain) throws Exception {
        Buffer b = new Buffer(plain);
        SrtpErrorStatus s = rtp(plain).transformPacket(b);
        if (s != SrtpErrorStatus.OK) throw new IllegalStateException("jitsi-srtp protect: " + s);
        return b.bytes();
    }

    /** The RTP packet inside {@code srtp}, or null when jitsi-srtp refuses it (authentication, replay). */
    public byte[] unprotectRtp(byte[] srtp) throws Exception {
        Buffer b = new Buffer(srtp);
        SrtpErrorStatus s = rtp(srtp).reverseTransformPacket(b, false);
        return s == SrtpErrorStatus.OK ? b.bytes() : null;
    }

    public byte[] protectRtcp(byte[] plain) throws Exception {
        Buffer b = new Buffer(plain);
        SrtpErrorStatus s = rtcp(plain).transformPacket(b);
        if (s != SrtpErrorStatus.OK) throw new IllegalStateException("jitsi-srtp protect RTCP: " + s);
        return b.bytes();
    }

    public byte[] unprotectRtcp(byte[] srtcp) throws Exception {
        Buffer b = new Buffer(srtcp);
        SrtpErrorStatus s = rtcp(srtcp).reverseTransformPacket(b);
        return s == SrtpErrorStatus.OK ? b.bytes() : null;
    }

    private SrtpCryptoContext rtp(byte[] p) throws Exception {
        if (rtp == null) rtp = factory.deriveContext(SrtpContext.readInt(p, 8), 0);
        return rtp;
    }

    private SrtcpCryptoContext rtcp(byte[] p) throws Exception {
        if (rtcp == null) rtcp = factory.deriveControlContext(SrtpContext.readInt(p, 4));
        return rtcp;
    }

    /** jitsi-utils has only the interface; a plain growable array. */
    private static final class Buffer implements ByteArrayBuffer {
        private byte[] data;
        private int offset;
        private int length;

        Buffer(byte[] packet) {
            data = Arrays.copyOf(packet, packet.length + 64);
            length = packet.length;
        }

        byte[] bytes() {
            return Arrays.copyOfRange(data, offset, offset + length);
        }

        @Override
        public byte[] getBuffer() {
            return data;
        }

        @Override
        public int getOffset() {
            return offset;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int l) {
            length = l;
        }

        @Override
        public void setOffset(int o) {
            offset = o;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(data, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > data.length) data = Arrays.copyOf(data, offset + length + howMuch);
        }

        @Override
        public void append(byte[] more, int len) {
            grow(len);
            System.arraycopy(more, 0, data, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length = Math.max(0, length - len);
        }
    }
}
