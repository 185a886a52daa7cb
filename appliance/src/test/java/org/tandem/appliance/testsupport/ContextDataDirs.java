package org.tandem.appliance.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data directories for appliances that Spring's test context cache keeps for several test classes. A
 * class-scoped {@code @TempDir} is deleted when its class ends, under an appliance that goes on serving the
 * next class; these live in the module's {@code target/it-data} until the build directory is cleaned.
 */
public final class ContextDataDirs {

    private static final Path ROOT = Path.of("target", "it-data");

    private ContextDataDirs() {}

    /** A new, empty directory named after {@code purpose}; absolute, as the appliance expects. */
    public static Path create(String purpose) {
        try {
            Files.createDirectories(ROOT);
            return Files.createTempDirectory(ROOT, purpose + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + ROOT.toAbsolutePath(), e);
        }
    }
}
