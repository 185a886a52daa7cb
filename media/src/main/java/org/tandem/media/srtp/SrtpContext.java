package org.tandem.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * One direction of SRTP and SRTCP (RFC 3711) with one SDES master key: AES-CM encryption (§4.1.1) and HMAC-SHA1
 * authentication (§4.2.1), transforming packets in place in the caller's array. A receiving context decrypts and
 * checks what a party sends with the party's key; a sending context encrypts with our own key. Not thread-safe: the
 * relay uses each context from its one IO thread. No allocation per packet but the 20-byte HMAC result.
 */
public final class SrtpContext {

    private final CryptoSuite suite;
    private final SessionKeys rtpKeys;
    private final SessionKeys rtcpKeys;
    private final long lifetime;
    private final byte[] mki;
    private final byte[] iv = new byte[16];
    private final byte[] keystream = new byte[16];
    private final byte[] word = new byte[4];
    // RFC 3711 §3.3.1: the rollover counter and highest sequence number of the SSRC in use; a new SSRC starts afresh
    private boolean started;
    private int ssrc;
    private long roc;
    private int highestSeq;
    private final ReplayWindow rtpReplay = new ReplayWindow();
    private final ReplayWindow rtcpReplay = new ReplayWindow();
    private long rtcpIndex;
    private long packets;

    private SrtpContext(SdesCrypto key) {
        this.suite = key.suite();
        this.rtpKeys = new SessionKeys(key.masterKey(), key.masterSalt(), SessionKeys.RTP_LABELS);
        this.rtcpKeys = new SessionKeys(key.masterKey(), key.masterSalt(), SessionKeys.RTCP_LABELS);
        this.lifetime = key.lifetime();
        this.mki = new byte[key.mkiLength()];
        for (int i = 0; i < mki.length; i++) mki[i] = (byte) (key.mki() >>> (8 * (mki.length - 1 - i)));
    }

    public static SrtpContext of(SdesCrypto key) {
        return new SrtpContext(key);
    }

    /** Room a protected packet needs beyond the plain one: SRTCP index, MKI, tag. */
    public int overhead() {
        return 4 + mki.length + Math.max(suite.rtpTagLength(), suite.rtcpTagLength());
    }

    /**
     * Encrypts and signs the RTP packet in {@code p[0, length)}; the array must have {@link #overhead} bytes to spare.
     *
     * @return the SRTP packet's length, or -1 when the packet is not RTP or the key's lifetime is used up
     */
    public int protectRtp(byte[] p, int length) {
        int header = rtpHeaderLength(p, length);
        if (header < 0 || !withinLifetime()) return -1;
        if (started && readInt(p, 8) != ssrc) started = false; // a new SSRC: its own rollover counter from 0
        long index = index(p);
        update(index, p);
        crypt(rtpKeys, p, header, length, readInt(p, 8), index);
        int end = length;
        System.arraycopy(mki, 0, p, end, mki.length);
        sign(rtpKeys, p, 0, length, (int) (index >>> 16), p, end + mki.length, suite.rtpTagLength());
        return end + mki.length + suite.rtpTagLength();
    }

    /**
     * Checks and decrypts the SRTP packet in {@code p[0, length)} (RFC 3711 §3.3): the tag is checked before anything
     * else and a replayed packet (§3.3.2) is refused.
     *
     * @return the RTP packet's length, or -1 when it fails authentication, is a replay, or is no SRTP packet
     */
    public int unprotectRtp(byte[] p, int length) {
        int tag = suite.rtpTagLength();
        int authenticated = length - tag - mki.length;
        int header = rtpHeaderLength(p, authenticated);
        if (header < 0 || !mkiMatches(p, authenticated)) return -1;
        // a new SSRC has its own rollover counter from 0; the state changes only once the packet authenticated, so
        // a forged packet cannot reset it
        boolean sameStream = started && readInt(p, 8) == ssrc;
        long index = sameStream ? index(p) : ((p[2] & 0xff) << 8) | (p[3] & 0xff);
        if (sameStream && !rtpReplay.fresh(index)) return -1;
        if (!verify(rtpKeys, p, authenticated, (int) (index >>> 16), length - tag, tag)) return -1;
        if (!withinLifetime()) return -1;
        if (!sameStream) {
            started = false;
            rtpReplay.reset();
        }
        rtpReplay.seen(index);
        update(index, p);
        crypt(rtpKeys, p, header, authenticated, ssrc, index);
        return authenticated;
    }

    /** Encrypts and signs the RTCP compound packet in {@code p[0, length)} (RFC 3711 §3.4), E flag set. */
    public int protectRtcp(byte[] p, int length) {
        if (length < 8 || !withinLifetime()) return -1;
        long index = rtcpIndex++ & 0x7fffffffL;
        crypt(rtcpKeys, p, 8, length, readInt(p, 4), index);
        writeInt(p, length, (int) (0x80000000L | index));
        int authenticated = length + 4;
        System.arraycopy(mki, 0, p, authenticated, mki.length);
        sign(rtcpKeys, p, 0, authenticated, -1, p, authenticated + mki.length, suite.rtcpTagLength());
        return authenticated + mki.length + suite.rtcpTagLength();
    }

    /** Checks and decrypts the SRTCP packet in {@code p[0, length)}; -1 when it fails authentication or is a replay. */
    public int unprotectRtcp(byte[] p, int length) {
        int tag = suite.rtcpTagLength();
        int authenticated = length - tag - mki.length;
        if (authenticated < 12 || !mkiMatches(p, authenticated)) return -1;
        int eIndex = readInt(p, authenticated - 4);
        long index = eIndex & 0x7fffffffL;
        if (!rtcpReplay.fresh(index)) return -1;
        if (!verify(rtcpKeys, p, authenticated, -1, length - tag, tag) || !withinLifetime()) return -1;
        rtcpReplay.seen(index);
        int plain = authenticated - 4;
        if (eIndex < 0) crypt(rtcpKeys, p, 8, plain, readInt(p, 4), index); // E flag clear: sent unencrypted
        return plain;
    }

    private boolean withinLifetime() {
        return ++packets <= lifetime; // RFC 3711 §9.2: no packet beyond the master key's lifetime
    }

    private boolean mkiMatches(byte[] p, int at) {
        if (at < 0) return false;
        for (int i = 0; i < mki.length; i++) {
            if (p[at + i] != mki[i]) return false;
        }
        return true;
    }

    /** RFC 3711 §3.3.1 / Appendix A: the 48-bit packet index guessed from the sequence number. */
    private long index(byte[] p) {
        int seq = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
        if (!started) return seq; // first packet of this SSRC: ROC 0 (RFC 3711 §3.3.1)
        long v;
        if (highestSeq < 32768) {
            v = seq - highestSeq > 32768 ? roc - 1 : roc;
        } else {
            v = highestSeq - 32768 > seq ? roc + 1 : roc;
        }
        return (v << 16) | seq;
    }

    private void update(long index, byte[] p) {
        long v = index >>> 16;
        int seq = (int) (index & 0xffff);
        if (!started) {
            started = true;
            ssrc = readInt(p, 8);
            roc = v;
            highestSeq = seq;
        } else if (v == roc + 1) {
            roc = v;
            highestSeq = seq;
        } else if (v == roc && seq > highestSeq) {
            highestSeq = seq;
        }
    }

    /** RFC 3711 §4.1.1: XOR p[from, to) with the AES-CM keystream of IV = salt ^ SSRC·2^64 ^ index·2^16. */
    private void crypt(SessionKeys keys, byte[] p, int from, int to, int ssrcValue, long index) {
        System.arraycopy(keys.salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrcValue >>> 24);
        iv[5] ^= (byte) (ssrcValue >>> 16);
        iv[6] ^= (byte) (ssrcValue >>> 8);
        iv[7] ^= (byte) ssrcValue;
        for (int i = 0; i < 6; i++) iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        try {
            for (int at = from, counter = 0; at < to; at += 16, counter++) {
                iv[14] = (byte) (counter >>> 8);
                iv[15] = (byte) counter;
                keys.aes.update(iv, 0, 16, keystream, 0);
                for (int i = 0, n = Math.min(16, to - at); i < n; i++) p[at + i] ^= keystream[i];
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // 16 bytes always fit
        }
    }

    /** HMAC-SHA1 over p[0, length) (and the ROC for SRTP, RFC 3711 §4.2), truncated to {@code tagLength} at out[at]. */
    private void sign(
            SessionKeys keys, byte[] p, int offset, int length, int rocValue, byte[] out, int at, int tagLength) {
        byte[] mac = mac(keys, p, offset, length, rocValue);
        System.arraycopy(mac, 0, out, at, tagLength);
    }

    private boolean verify(SessionKeys keys, byte[] p, int length, int rocValue, int tagAt, int tagLength) {
        if (length <= 0) return false;
        byte[] mac = mac(keys, p, 0, length, rocValue);
        int diff = 0;
        for (int i = 0; i < tagLength; i++) diff |= mac[i] ^ p[tagAt + i]; // constant time
        return diff == 0;
    }

    private byte[] mac(SessionKeys keys, byte[] p, int offset, int length, int rocValue) {
        keys.hmac.update(p, offset, length);
        if (keys == rtpKeys) { // SRTCP's index is inside the authenticated part
            writeInt(word, 0, rocValue);
            keys.hmac.update(word, 0, 4);
        }
        return keys.hmac.doFinal();
    }

    /** RTP header length with CSRCs and extension (RFC 3550 §5.1, §5.3.1), or -1 when it is no RTP version 2. */
    private static int rtpHeaderLength(byte[] p, int length) {
        if (length < 12 || (p[0] & 0xc0) != 0x80) return -1;
        int header = 12 + 4 * (p[0] & 0x0f);
        if ((p[0] & 0x10) != 0) {
            if (length < header + 4) return -1;
            header += 4 + 4 * (((p[header + 2] & 0xff) << 8) | (p[header + 3] & 0xff));
        }
        return header <= length ? header : -1;
    }

    static int readInt(byte[] p, int at) {
        return ((p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
    }

    static void writeInt(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 24);
        p[at + 1] = (byte) (v >>> 16);
        p[at + 2] = (byte) (v >>> 8);
        p[at + 3] = (byte) v;
    }

    static {
        try {
            Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
