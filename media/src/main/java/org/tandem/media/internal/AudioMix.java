package org.tandem.media.internal;

/**
 * The mixing step of a conference, a pure function: every participant gets the sum of all the others'
 * frames ("N-1" mix, so nobody hears themselves), clipped to 16 bits. Muted or silent participants
 * (null frame) contribute nothing.
 */
public final class AudioMix {

    private AudioMix() {}

    /** Everyone who is not muted, summed and clipped: what a recording of the whole room hears. */
    public static short[] sum(short[][] in, boolean[] muted, int n) {
        int[] total = new int[n];
        for (int p = 0; p < in.length; p++) {
            if (in[p] == null || muted[p]) continue;
            for (int i = 0; i < n; i++) total[i] += in[p][i];
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, total[i]));
        return out;
    }

    /**
     * @param in    one frame per participant (null: nothing to contribute), each {@code n} samples
     * @param muted per participant
     * @param out   one frame per participant, filled here
     */
    public static void mix(short[][] in, boolean[] muted, short[][] out, int n) {
        int[] total = new int[n];
        for (int p = 0; p < in.length; p++) {
            if (in[p] == null || muted[p]) continue;
            for (int i = 0; i < n; i++) total[i] += in[p][i];
        }
        for (int p = 0; p < in.length; p++) {
            boolean own = in[p] != null && !muted[p];
            for (int i = 0; i < n; i++) {
                int v = own ? total[i] - in[p][i] : total[i];
                out[p][i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
        }
    }
}
