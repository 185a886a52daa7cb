package org.tandem.pbx.recording.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Puts a finished recording that media wrote to a temporary file (a queue call's mix) at its name under the
 * recordings' directory as the storage rules say: copied to a hidden {@code .part} beside the target, fsynced,
 * renamed atomically, the directory fsynced; the temporary file is removed. A crash leaves at most a {@code .part},
 * which is removed at the next start.
 */
public final class RecordingFile {

    private RecordingFile() {}

    public static void moveInPlace(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel c = FileChannel.open(part, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // not every file system opens a directory; the rename is done
            }
        } finally {
            Files.deleteIfExists(part);
            Files.deleteIfExists(source);
        }
    }
}
