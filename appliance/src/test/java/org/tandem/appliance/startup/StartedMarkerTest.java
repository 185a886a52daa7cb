package org.tandem.appliance.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file that tells the start script the start is over: made once, nothing without the property, never a throw. */
class StartedMarkerTest {

    @Test
    void makesTheNamedFileAndNothingWithoutAName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tandem-started.x");
        StartedMarker.mark(file.toString());
        assertThat(file).isRegularFile().isEmptyFile();

        StartedMarker.mark(null);
        StartedMarker.mark(" ");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFileThatCannotBeMadeIsLoggedNotThrown(@TempDir Path dir) throws Exception {
        Path existing = Files.createFile(dir.resolve("taken"));
        assertThatCode(() -> StartedMarker.mark(existing.toString())).doesNotThrowAnyException();
        assertThatCode(() -> StartedMarker.mark(dir.resolve("no/such/dir/file").toString()))
                .doesNotThrowAnyException();
    }
}
