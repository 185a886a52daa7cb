package org.tandem.pbx.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Secret keys kept as files in the data directory (owner-only), created on first start. */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * The key in {@code file}, created with 32 random bytes (mode 0600, written to a temp file and
     * renamed, so a crash never leaves half a key) when missing. Startup only: it does file I/O.
     */
    public static byte[] readOrCreate(Path file, String purpose) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(tmp, fresh);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 16) throw new IllegalStateException(file + " is too short to be a " + purpose + "; delete it");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + purpose + " " + file, e);
        }
    }
}
