package org.tandem.pbx.voicemail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.files.DurableFiles;

/**
 * The voicemail audio on disk: {@code <data>/voicemail/<box>/<id>.wav}, written by {@link DurableFiles}, so after
 * a crash a message's file is either complete under its final name or not there (a temp file ending in
 * {@link #TEMP_SUFFIX} may be, which the start-up sweep removes).
 */
public final class AudioFiles {

    public static final String TEMP_SUFFIX = DurableFiles.TEMP_SUFFIX;
    public static final String AUDIO_SUFFIX = ".wav";

    private final Path root;

    public AudioFiles(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path boxDir(String box) {
        return root.resolve(box);
    }

    public Path audio(String box, String fileName) {
        return root.resolve(box).resolve(fileName);
    }

    /**
     * Copies {@code source} durably to {@code <box>/<fileName>}, telling {@code probe} each phase.
     *
     * @return the size in bytes
     */
    public long storeDurably(Path source, String box, String fileName, String messageId, DepositProbe probe)
            throws IOException {
        Path dir = boxDir(box);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DurableFiles.fsyncDirectory(root); // the new box directory's entry must survive too
        }
        long size = Files.size(source);
        try (InputStream in = Files.newInputStream(source)) {
            DurableFiles.write(
                    dir.resolve(fileName),
                    out -> {
                        copy(in, out, size / 2);
                        out.force(true);
                        probe.reached(DepositPhase.TEMP_PARTIAL, messageId);
                        copy(in, out, size - size / 2);
                    },
                    () -> probe.reached(DepositPhase.TEMP_SYNCED, messageId));
        }
        return size;
    }

    public void delete(String box, String fileName) throws IOException {
        Files.deleteIfExists(audio(box, fileName));
    }

    /** Every file under the box directories (box, file name), for the start-up sweep. */
    public List<Path> allFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (DirectoryStream<Path> boxes = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path box : boxes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(box, Files::isRegularFile)) {
                    files.forEach(out::add);
                }
            }
        }
        return out;
    }

    private static void copy(InputStream in, FileChannel out, long count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new IOException("The audio file got shorter while it was being stored");
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) out.write(b);
            left -= n;
        }
    }
}
