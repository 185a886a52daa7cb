package org.tandem.media.internal;

/**
 * Plays samples frame by frame: each {@link #read} hands out the next {@code n} samples (the sender
 * calls it once per packet time, so the pace is the sender's clock). Pure state, no threads: a test can
 * pull every frame and compare it with the file.
 */
public final class PlayerNode {

    private final short[] samples;
    private int position;

    public PlayerNode(short[] samples) {
        this.samples = samples;
    }

    /** Copies up to {@code n} samples into {@code out}, padding the last frame with silence; false when done. */
    public boolean read(short[] out, int n) {
        if (position >= samples.length) return false;
        int count = Math.min(n, samples.length - position);
        System.arraycopy(samples, position, out, 0, count);
        for (int i = count; i < n; i++) out[i] = 0;
        position += count;
        return true;
    }

    public boolean finished() {
        return position >= samples.length;
    }
}
