package org.tandem.media.internal;

import java.util.Arrays;
import org.tandem.media.RecordOptions;
import org.tandem.media.Recording.StopReason;
import org.tandem.media.Wav;

/**
 * Collects decoded samples until the maximum length, or continuous silence after sound was heard.
 * Pure state, no threads or files: {@link #samples()} is handed to {@link Wav#write} by the session.
 * A frame is silent when its mean absolute amplitude is below {@link #SILENCE_LEVEL} (about -40 dBFS).
 */
public final class RecorderNode {

    static final int SILENCE_LEVEL = 330;

    private final int maxSamples;
    private final long silenceSamples;
    private final String stopDigits;
    private short[] buffer = new short[8000];
    private int count;
    private boolean heardSound;
    private long silentRun;

    public RecorderNode(RecordOptions options) {
        this.maxSamples =
                (int) Math.min(Integer.MAX_VALUE / 2, options.maxLength().toMillis() * Wav.SAMPLE_RATE / 1000);
        this.silenceSamples =
                options.silence() == null ? Long.MAX_VALUE : options.silence().toMillis() * Wav.SAMPLE_RATE / 1000;
        this.stopDigits = options.stopDigits();
    }

    /** Appends a frame; returns why the recording is complete now, or null to go on. */
    public StopReason append(short[] pcm, int n) {
        int take = Math.min(n, maxSamples - count);
        if (count + take > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(count + take, buffer.length * 2));
        System.arraycopy(pcm, 0, buffer, count, take);
        count += take;
        if (count >= maxSamples) return StopReason.MAX_LENGTH;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += Math.abs(pcm[i]);
        if (n > 0 && sum / n >= SILENCE_LEVEL) {
            heardSound = true;
            silentRun = 0;
        } else if (heardSound) {
            silentRun += n;
            if (silentRun >= silenceSamples) return StopReason.SILENCE;
        }
        return null;
    }

    public boolean stopsOn(char digit) {
        return stopDigits.indexOf(digit) >= 0;
    }

    public short[] samples() {
        return buffer;
    }

    public int count() {
        return count;
    }
}
