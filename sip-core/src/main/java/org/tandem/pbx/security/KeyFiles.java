package org.tandem.pbx.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.tandem.pbx.files.DurableFiles;

/** Secret keys kept as files in the data directory (owner-only), created on first start. */
public final class KeyFiles {

    private KeyFiles() {}

    /**
     * The key in {@code file}, created with 32 random bytes (mode 0600, written durably, so a crash never leaves
     * half a key or an empty one) when missing. Startup only: it does file I/O.
     */
    public static byte[] readOrCreate(Path file, String purpose) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                DurableFiles.writePrivate(file, fresh);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 16)
                throw new IllegalStateException(file + " is too short to be a " + purpose + "; delete it");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + purpose + " " + file, e);
        }
    }
}
