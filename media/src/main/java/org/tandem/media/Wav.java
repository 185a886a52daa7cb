package org.tandem.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * RIFF/WAVE in the one format the engine speaks: 8 kHz, 16-bit signed little-endian, mono PCM. The one WAV
 * reader and writer of Tandem (recordings, voicemail, prompts, downloads); other chunks (LIST, fact, ...) are
 * skipped, any other format is refused with the reason ({@code PromptAudio} converts uploads of other formats).
 */
public final class Wav {

    public static final int SAMPLE_RATE = 8000;
    /** The size of the header {@link #header} makes. */
    public static final int HEADER = 44;

    private Wav() {}

    /** Reads all samples of {@code file}. */
    public static short[] read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    public static short[] parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!isRiffWave(bytes)) {
            throw new UnsupportedAudioException(name + " is not a RIFF/WAVE file");
        }
        int pos = 12;
        boolean formatOk = false;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xFFFF;
                int channels = b.getShort(body + 2);
                int rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14);
                if (format != 1 || channels != 1 || rate != SAMPLE_RATE || bits != 16) {
                    throw new UnsupportedAudioException(
                            name + " is format " + format + ", " + channels + " channel(s), " + rate + " Hz, " + bits
                                    + " bit; the engine plays 8000 Hz 16-bit mono PCM (convert it first)");
                }
                formatOk = true;
            } else if (id == 0x61746164) { // "data"
                if (!formatOk) throw new UnsupportedAudioException(name + ": data chunk before the fmt chunk");
                // a header written by a recorder that died may carry 0 or a too-large size: trust the file
                int length = size <= 0 || body + size > bytes.length ? bytes.length - body : size;
                short[] samples = new short[length / 2];
                b.position(body);
                b.asShortBuffer().get(samples);
                return samples;
            }
            pos = body + size + (size & 1); // RIFF chunks are word-aligned
        }
        throw new UnsupportedAudioException(name + " has no data chunk");
    }

    /** Writes {@code count} samples as a complete WAV file (header sizes filled in). */
    public static void write(Path file, short[] samples, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + count * 2).order(ByteOrder.LITTLE_ENDIAN);
        putHeader(buf, count * 2);
        for (int i = 0; i < count; i++) buf.putShort(samples[i]);
        buf.flip();
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    public static void write(OutputStream out, short[] samples) throws IOException {
        out.write(bytes(samples));
    }

    /** A complete WAV file of {@code samples}, in memory (a prompt to store or to download). */
    public static byte[] bytes(short[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        putHeader(buf, samples.length * 2);
        for (short s : samples) buf.putShort(s);
        return buf.array();
    }

    /** Whether {@code head} (a file's first 12 bytes or more) starts a RIFF/WAVE file: "RIFF", a size, "WAVE". */
    public static boolean isRiffWave(byte[] head) {
        if (head.length < 12) return false;
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        return b.getInt(0) == 0x46464952 && b.getInt(8) == 0x45564157;
    }

    /**
     * The 44-byte header of an 8 kHz 16-bit PCM WAV of {@code channels} interleaved channels and {@code dataBytes}
     * of samples, ready to write: for writers that fill in the sizes when they finish (the relay's stereo recordings).
     */
    public static ByteBuffer header(int channels, long dataBytes) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157); // RIFF size WAVE
        buf.putInt(0x20746d66)
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) channels) // fmt, PCM, channels
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2 * channels)
                .putShort((short) (2 * channels))
                .putShort((short) 16);
        buf.putInt(0x61746164).putInt((int) dataBytes); // data
        return buf.flip();
    }

    private static void putHeader(ByteBuffer buf, int dataBytes) {
        buf.put(header(1, dataBytes));
    }
}
