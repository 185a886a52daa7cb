package org.tandem.pbx.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a crash or kill -9 leaves either the old file or the whole new one, never part of it:
 * the content goes to a temp file in the same directory, which is forced to disk, renamed over the target in one
 * step, and then the directory is forced too (on POSIX file systems a rename is only durable once its directory
 * is: fsync(2), "Calling fsync() does not necessarily ensure that the entry in the directory containing the file
 * has also reached disk"). A temp file left by a crash ends in {@link #TEMP_SUFFIX}. Blocking file I/O: never on a
 * SIP thread.
 */
public final class DurableFiles {

    /** What a crash can leave behind next to a target: start-up sweeps remove such files. */
    public static final String TEMP_SUFFIX = ".tmp";

    /** Writes the content into the temp file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    /** A step between the forced temp file and the rename (crash tests stop there). */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private DurableFiles() {}

    /** Writes {@code bytes} to {@code target} durably, replacing it if it exists. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, all(bytes), () -> {}, false);
    }

    /** Writes {@code bytes} to {@code target} durably, readable by the owner only (mode 0600 where POSIX). */
    public static void writePrivate(Path target, byte[] bytes) throws IOException {
        write(target, all(bytes), () -> {}, true);
    }

    /** Writes {@code target} durably from {@code content}, readable by the owner only (a backup holds every secret). */
    public static void writePrivate(Path target, Content content) throws IOException {
        write(target, content, () -> {}, true);
    }

    private static Content all(byte[] bytes) {
        return out -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.write(b);
        };
    }

    /**
     * Writes {@code target} durably from {@code content}, replacing it if it exists; {@code beforeRename} runs once
     * the temp file is on disk. On failure the temp file is removed and the target is as it was.
     */
    public static void write(Path target, Content content, Step beforeRename) throws IOException {
        write(target, content, beforeRename, false);
    }

    private static void write(Path target, Content content, Step beforeRename, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // its own temp name: two writers of one target never share a temp file, and the last rename wins
        Path tmp = dir.resolve(target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        try {
            try (FileChannel out = FileChannel.open(
                    tmp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly ? ownerOnly(dir) : new FileAttribute<?>[0])) {
                content.writeTo(out);
                out.force(true);
            }
            beforeRename.run();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDirectory(dir);
    }

    /** Forces a directory's entries (a created, renamed or removed file) to disk. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) return new FileAttribute<?>[0];
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }
}
