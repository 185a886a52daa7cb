package org.tandem.media.testsupport;

import java.time.Duration;

/** Test audio: sine tones at 8 kHz, 16-bit. */
public final class Tones {

    public static final int RATE = 8000;

    private Tones() {}

    public static short[] sine(double hz, Duration length, int amplitude) {
        int n = (int) (length.toMillis() * RATE / 1000);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        return s;
    }

    public static short[] sine(double hz, Duration length) {
        return sine(hz, length, 8000);
    }
}
