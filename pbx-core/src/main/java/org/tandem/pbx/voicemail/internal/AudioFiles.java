package org.tandem.pbx.voicemail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The voicemail audio on disk: {@code <data>/voicemail/<box>/<id>.wav}. A file is written as
 * {@code <id>.wav.tmp}, fsynced, renamed into place (atomic on one file system) and the directory
 * fsynced, so after a crash a message's file is either complete under its final name or not there.
 */
public final class AudioFiles {

    public static final String TEMP_SUFFIX = ".tmp";
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
            fsyncDirectory(root); // the new box directory's entry must survive too
        }
        Path tmp = dir.resolve(fileName + TEMP_SUFFIX);
        long size = Files.size(source);
        try (InputStream in = Files.newInputStream(source);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            copy(in, out, size / 2);
            out.force(true);
            probe.reached(DepositPhase.TEMP_PARTIAL, messageId);
            copy(in, out, size - size / 2);
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        probe.reached(DepositPhase.TEMP_SYNCED, messageId);
        Path target = dir.resolve(fileName);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDirectory(dir);
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

    /** Makes a directory's entries (a rename, a new file) durable (POSIX: fsync the directory). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
