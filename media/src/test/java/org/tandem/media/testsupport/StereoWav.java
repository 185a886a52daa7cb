package org.tandem.media.testsupport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A recorded call's stereo WAV (16-bit PCM, 44-byte header) split into its left and right channels, for tests. */
public final class StereoWav {

    private StereoWav() {}

    /** {@code [0]} the left channel (the caller), {@code [1]} the right (the callee). */
    public static short[][] channels(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getShort(22) != 2) throw new AssertionError("not a stereo WAV: " + b.getShort(22) + " channel(s)");
        int frames = b.getInt(40) / 4;
        short[][] c = new short[2][frames];
        for (int i = 0; i < frames; i++) {
            c[0][i] = b.getShort(44 + 4 * i);
            c[1][i] = b.getShort(46 + 4 * i);
        }
        return c;
    }
}
