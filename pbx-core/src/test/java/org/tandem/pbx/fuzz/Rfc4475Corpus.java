package org.tandem.pbx.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The RFC 4475 torture messages, byte-exact, from the project's shared test data
 * ({@code ../shared/testdata/rfc4475} seen from the repository root). Found by walking up from the
 * working directory, so it works from the reactor root, from a module, and from a CI clone that has
 * {@code shared/} beside it; {@code -Dtandem.testdata=DIR} overrides.
 */
public final class Rfc4475Corpus {

    public static final int MESSAGE_COUNT = 49;

    private Rfc4475Corpus() {}

    /** The directory holding {@code *.dat}; fails with what to do when it cannot be found. */
    public static Path directory() {
        String configured = System.getProperty("tandem.testdata");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).resolve("rfc4475");
            if (Files.isDirectory(dir)) return dir;
            throw new IllegalStateException("-Dtandem.testdata=" + configured + " has no rfc4475/ folder");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testdata").resolve("rfc4475");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("RFC 4475 torture messages not found: looked for shared/testdata/rfc4475 in "
                + start + " and every parent. Check out the project's shared/ folder beside the repository "
                + "(../shared/testdata/rfc4475) or pass -Dtandem.testdata=<dir containing rfc4475/>.");
    }

    /** File name without ".dat" → bytes, sorted by name. */
    public static Map<String, byte[]> messages() {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".dat"))
                    .toList()) {
                String name = f.getFileName().toString();
                out.put(name.substring(0, name.length() - 4), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the RFC 4475 messages", e);
        }
        if (out.size() != MESSAGE_COUNT) {
            throw new IllegalStateException("Expected the " + MESSAGE_COUNT + " RFC 4475 messages in " + directory()
                    + " but found " + out.size());
        }
        return out;
    }
}
