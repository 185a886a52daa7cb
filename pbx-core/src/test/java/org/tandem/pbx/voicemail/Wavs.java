package org.tandem.pbx.voicemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test recordings: 8 kHz 16-bit mono PCM WAV files with a sine tone. */
public final class Wavs {

    private Wavs() {}

    public static Path tone(Path file, double hz, double seconds) {
        int samples = (int) (8000 * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(16000)
                .putShort((short) 2)
                .putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples of an 8 kHz 16-bit mono WAV (the data chunk; the header as {@link #tone} and the recorder write it). */
    public static short[] samples(Path file) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 12;
            while (pos + 8 <= b.limit()) {
                int size = b.getInt(pos + 4);
                if (b.getInt(pos) == 0x61746164) { // "data"
                    short[] pcm = new short[Math.min(size, b.limit() - pos - 8) / 2];
                    for (int i = 0; i < pcm.length; i++) pcm[i] = b.getShort(pos + 8 + 2 * i);
                    return pcm;
                }
                pos += 8 + size + (size & 1);
            }
            throw new IllegalArgumentException(file + " has no data chunk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
