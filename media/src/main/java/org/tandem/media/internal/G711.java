package org.tandem.media.internal;

/**
 * ITU-T G.711 companding (μ-law for PCMU, A-law for PCMA; RFC 3551 §4.5.14), as lookup tables for
 * decoding and the segment search for encoding. Our own node rather than libjitsi's FMJ codecs:
 * those run only inside an FMJ processor chain, which fails with the silence device (docs/media/libjitsi.md).
 */
public final class G711 {

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = (short) ulawToLinear((byte) i);
            ALAW_DECODE[i] = (short) alawToLinear((byte) i);
        }
    }

    private G711() {}

    public static byte linearToUlaw(int pcm) {
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) pcm = -pcm;
        if (pcm > 32635) pcm = 32635;
        pcm += 0x84;
        int exponent = 31 - Integer.numberOfLeadingZeros(pcm >> 7);
        if (exponent < 0) exponent = 0;
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    private static int ulawToLinear(byte ulaw) {
        int u = ~ulaw & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int sample = (((u & 0x0F) << 3) + 0x84) << exponent;
        sample -= 0x84;
        return (u & 0x80) != 0 ? -sample : sample;
    }

    public static byte linearToAlaw(int pcm) {
        int sign = (~pcm >> 8) & 0x80; // 0x80 for non-negative samples
        if (sign == 0) pcm = -pcm;
        if (pcm > 32767) pcm = 32767;
        int compressed;
        if (pcm >= 256) {
            int exponent = 32 - Integer.numberOfLeadingZeros(pcm >> 8);
            compressed = (exponent << 4) | ((pcm >> (exponent + 3)) & 0x0F);
        } else {
            compressed = pcm >> 4;
        }
        return (byte) (compressed ^ (sign ^ 0x55));
    }

    private static int alawToLinear(byte alaw) {
        int a = (alaw ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x07;
        int sample = ((a & 0x0F) << 4) + 8;
        if (exponent != 0) sample = (sample + 0x100) << (exponent - 1);
        return (a & 0x80) != 0 ? sample : -sample;
    }

    public static short ulawDecode(byte b) {
        return ULAW_DECODE[b & 0xFF];
    }

    public static short alawDecode(byte b) {
        return ALAW_DECODE[b & 0xFF];
    }
}
