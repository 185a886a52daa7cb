package org.tandem.appliance.natlab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The amplitude of a frequency in a 16-bit PCM WAV file (a softphone's recording of what it heard), by Goertzel. */
public final class WavTone {

    private WavTone() {}

    /**
     * The largest amplitude of {@code hz} in any one second of baresip's recordings of what it heard (sndfile's
     * dump-*-dec.wav): a call that heard music on hold first and the other party later still shows that party's tone.
     */
    static double loudestHeard(Path baresipDir, double hz) throws IOException {
        double loudest = 0;
        for (Path f : heardDumps(baresipDir)) loudest = Math.max(loudest, amplitude(f, hz, 1.0));
        return loudest;
    }

    /** Bytes baresip has recorded of what it heard so far, in all its calls. */
    static long heardBytes(Path baresipDir) throws IOException {
        long bytes = 0;
        for (Path f : heardDumps(baresipDir)) bytes += Files.size(f);
        return bytes;
    }

    /**
     * The amplitude of {@code hz} in the loudest second of baresip's newest recording of what it heard (the call now
     * or the last one); 0 when it has none.
     */
    public static double loudestInNewestCall(Path baresipDir, double hz) throws IOException {
        Path newest = null;
        for (Path f : heardDumps(baresipDir)) {
            if (newest == null
                    || Files.getLastModifiedTime(f).compareTo(Files.getLastModifiedTime(newest)) > 0
                    || (Files.getLastModifiedTime(f).equals(Files.getLastModifiedTime(newest))
                            && f.getFileName()
                                            .toString()
                                            .compareTo(newest.getFileName().toString())
                                    > 0)) {
                newest = f;
            }
        }
        return newest == null ? 0 : amplitude(newest, hz, 1.0);
    }

    private static java.util.List<Path> heardDumps(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("dump-.*dec.*\\.wav"))
                    .toList();
        }
    }

    /** Amplitude of {@code hz} over the whole file (the first channel); 0 for a file without audio. */
    static double amplitude(Path wav, double hz) throws IOException {
        return amplitude(wav, hz, 0);
    }

    /** As above, the loudest of the file's windows of {@code seconds} (0: the whole file as one window). */
    static double amplitude(Path wav, double hz, double seconds) throws IOException {
        return amplitude(wav, 0, hz, seconds);
    }

    /** As above, of channel {@code channel} (0 left, 1 right of a stereo file). */
    public static double amplitude(Path wav, int channel, double hz, double seconds) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
            throw new IOException(wav + " is not a WAV file");
        }
        int channels = 1;
        int rate = 8000;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                if (b.getShort(pos + 22) != 16) throw new IOException(wav + ": not 16-bit PCM");
            } else if (id == 0x61746164) { // "data": to the end of the file (a dump may not have a final size)
                int start = pos + 8;
                int frames = (b.limit() - start) / (2 * channels);
                if (frames == 0) return 0;
                int window = seconds <= 0 ? frames : Math.min(frames, (int) (seconds * rate));
                double loudest = 0;
                for (int from = 0; from + window <= frames; from += window) {
                    loudest = Math.max(loudest, goertzel(b, start + 2 * channel, channels, from, window, hz, rate));
                }
                return loudest;
            }
            pos += 8 + size + (size & 1);
            if (size < 0) break;
        }
        return 0;
    }

    /** Goertzel amplitude of {@code hz} over {@code count} frames from frame {@code from} of the first channel. */
    private static double goertzel(ByteBuffer b, int start, int channels, int from, int count, double hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + count; i++) {
            double s0 = b.getShort(start + i * 2 * channels) + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / count;
    }
}
