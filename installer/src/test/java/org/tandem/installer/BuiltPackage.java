package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The .deb that {@code ./mvnw package} built in installer/target, unpacked on demand. */
final class BuiltPackage {

    private BuiltPackage() {}

    static Path deb() {
        Path dir = Path.of(System.getProperty("tandem.deb.dir", "target"));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("tandem_.+_all\\.deb"))
                    .toList();
            assertThat(debs)
                    .as("exactly one tandem_<version>_all.deb in " + dir + " (run the package phase first)")
                    .hasSize(1);
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks the data into {@code root} and the control files (maintainer scripts) into {@code root/DEBIAN}. */
    static void unpackInto(Path root) {
        Command.run(List.of("dpkg-deb", "-x", deb().toString(), root.toString()))
                .assertOk();
        Command.run(List.of(
                        "dpkg-deb",
                        "-e",
                        deb().toString(),
                        root.resolve("DEBIAN").toString()))
                .assertOk();
    }
}
