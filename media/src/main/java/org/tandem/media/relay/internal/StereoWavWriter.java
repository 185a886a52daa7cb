package org.tandem.media.relay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.tandem.media.Wav;

/**
 * Writes an 8 kHz 16-bit two-channel WAV whose channels arrive out of step (each party's packets at their own time):
 * samples are placed by frame position into a window of {@value #WINDOW} frames kept in memory; frames that fall out
 * of the window's start are written to disk in order, never touched again (a sample older than that is late and
 * dropped), and frames nobody wrote stay silent. The file is {@code .<name>.part} beside the target until
 * {@link #finish}: header sizes filled in, fsync, atomic rename, fsync of the directory (so the name survives a power
 * cut). One thread at a time (the relay's recorder).
 */
final class StereoWavWriter {

    static final int RATE = Wav.SAMPLE_RATE;
    /** 4 s: later packets of a jittery or re-ordering party still land in place. */
    static final int WINDOW = 4 * RATE;

    private static final int HEADER = Wav.HEADER;
    /** RIFF sizes are 32-bit: stop before the data chunk overflows (~37 h of stereo audio). */
    private static final long MAX_FRAMES = (0xFFFF_FFFFL - HEADER) / 4;

    private final Path target;
    private final Path part;
    private FileChannel file;
    private final short[] window = new short[2 * WINDOW]; // interleaved: left, right
    private final ByteBuffer out = ByteBuffer.allocate(4 * WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long written; // frames on disk: the window starts here
    private long end; // one past the last frame any sample was put at

    StereoWavWriter(Path target) {
        this.target = target;
        this.part = target.resolveSibling("." + target.getFileName() + ".part");
    }

    Path partFile() {
        return part;
    }

    /**
     * Places {@code count} samples of one channel (0 left, 1 right) starting at frame {@code position}. Samples
     * before the window are late and dropped; a position past the window writes out what precedes it.
     */
    void put(int channel, long position, short[] samples, int count) throws IOException {
        open();
        int from = 0;
        if (position < written) {
            from = (int) Math.min(count, written - position);
        }
        long last = Math.min(position + count, MAX_FRAMES);
        if (last > written + WINDOW) flush(last - WINDOW - written);
        for (int i = from; i < count && position + i < last; i++) {
            window[2 * (int) (position + i - written) + channel] = samples[i];
        }
        end = Math.max(end, last);
    }

    /** Frames in the file so far (written or waiting in the window). */
    long frames() {
        return end;
    }

    /** Writes the rest, completes the header, fsyncs and renames to the target. */
    Path finish() throws IOException {
        open();
        flush(end - written);
        ByteBuffer header = Wav.header(2, 4 * written);
        while (header.hasRemaining()) file.write(header, header.position());
        file.force(true);
        file.close();
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
        return target;
    }

    /** Gives up: the part file is removed, nothing appears at the target. */
    void abort() {
        try {
            if (file != null) file.close();
        } catch (IOException e) {
            // removing it anyway
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // a leftover .part is removed at the next start
        }
    }

    private void open() throws IOException {
        if (file != null) return;
        Files.createDirectories(target.toAbsolutePath().getParent());
        file = FileChannel.open(
                part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        file.position(HEADER); // the header is written last, when the sizes are known
    }

    /** Writes the window's first {@code frames} frames and slides it on; beyond the window, silence is written. */
    private void flush(long frames) throws IOException {
        while (frames > 0) {
            int n = (int) Math.min(frames, WINDOW);
            out.clear();
            for (int i = 0; i < 2 * n; i++) out.putShort(window[i]);
            out.flip();
            while (out.hasRemaining()) file.write(out);
            System.arraycopy(window, 2 * n, window, 0, window.length - 2 * n);
            Arrays.fill(window, window.length - 2 * n, window.length, (short) 0);
            written += n;
            frames -= n;
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a directory be opened; the rename itself is done
        }
    }
}
