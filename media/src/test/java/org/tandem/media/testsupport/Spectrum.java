package org.tandem.media.testsupport;

/**
 * Frequency checks for tests: the Goertzel algorithm gives the amplitude of one frequency in a block of
 * samples, so a test can say "this recording holds 440 Hz and not 880 Hz" without an FFT library.
 */
public final class Spectrum {

    /** 20 ms at 8 kHz: the block every per-block measure here uses. */
    private static final int BLOCK = 160;

    private Spectrum() {}

    /** Amplitude (same unit as the samples) of {@code hz} in {@code samples[from, from + n)}. */
    public static double amplitude(short[] samples, int from, int n, double hz) {
        double w = 2 * Math.PI * hz / Tones.RATE;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = samples[from + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / n;
    }

    public static double amplitude(short[] samples, double hz) {
        return amplitude(samples, 0, samples.length, hz);
    }

    /** Root mean square of {@code samples[from, from + n)}. */
    public static double rms(short[] samples, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) sum += (double) samples[i] * samples[i];
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /**
     * Number of samples in the longest run of consecutive 20 ms blocks where {@code hz} has at least
     * {@code minAmplitude}: how long the tone lasts in a recording.
     */
    public static int toneSamples(short[] samples, double hz, double minAmplitude) {
        int block = 160;
        int best = 0;
        int run = 0;
        for (int from = 0; from + block <= samples.length; from += block) {
            if (amplitude(samples, from, block, hz) >= minAmplitude) {
                run += block;
                best = Math.max(best, run);
            } else {
                run = 0;
            }
        }
        return best;
    }

    /**
     * Number of samples in all 20 ms blocks where {@code hz} has at least {@code minAmplitude}: how much of a tone a
     * recording kept, counting across the short gaps a jitter buffer's underrun leaves on a loaded machine (a late
     * packet is played late, not lost), where {@link #toneSamples} measures the longest unbroken stretch.
     */
    public static int toneTotalSamples(short[] samples, double hz, double minAmplitude) {
        return BLOCK * blocksWithTone(samples, 0, samples.length, hz, minAmplitude);
    }

    /**
     * Fraction of the 20 ms blocks in {@code samples[from, to)} where {@code hz} has at least
     * {@code minAmplitude}: robust against the short gaps a loaded machine puts into mixed audio.
     */
    public static double toneFraction(short[] samples, int from, int to, double hz, double minAmplitude) {
        int blocks = Math.max(0, (Math.min(to, samples.length) - from) / BLOCK);
        return blocks == 0 ? 0 : (double) blocksWithTone(samples, from, to, hz, minAmplitude) / blocks;
    }

    /** The whole 20 ms blocks of {@code samples[from, to)} where {@code hz} has at least {@code minAmplitude}. */
    private static int blocksWithTone(short[] samples, int from, int to, double hz, double minAmplitude) {
        int hits = 0;
        for (int b = from; b + BLOCK <= Math.min(to, samples.length); b += BLOCK) {
            if (amplitude(samples, b, BLOCK, hz) >= minAmplitude) hits++;
        }
        return hits;
    }

    /** The largest amplitude of {@code hz} in any 20 ms block of {@code samples}. */
    public static double maxBlockAmplitude(short[] samples, double hz) {
        double max = 0;
        for (int b = 0; b + 160 <= samples.length; b += 160) max = Math.max(max, amplitude(samples, b, 160, hz));
        return max;
    }

    /** The samples after skipping leading near-silence (start of received audio). */
    public static short[] trimLeadingSilence(short[] samples, int threshold) {
        int i = 0;
        while (i < samples.length && Math.abs(samples[i]) < threshold) i++;
        short[] out = new short[samples.length - i];
        System.arraycopy(samples, i, out, 0, out.length);
        return out;
    }
}
