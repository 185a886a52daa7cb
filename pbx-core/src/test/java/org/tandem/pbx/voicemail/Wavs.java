package org.tandem.pbx.voicemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test recordings: 8 kHz 16-bit mono PCM WAV files with a sine tone. */
public final class Wavs {

    private Wavs() {
    }

    public static Path tone(Path file, double hz, double seconds) {
        int samples = (int) (8000 * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
