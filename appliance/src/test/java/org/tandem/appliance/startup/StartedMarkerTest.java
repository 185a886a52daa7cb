package org.tandem.appliance.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

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

    /** After every ready listener (the banner), once: a later return to readiness makes no second file. */
    @Test
    void marksWhenTheApplianceFirstAcceptsTraffic(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tandem-started.y");
        String before = System.getProperty(StartedMarker.PROPERTY);
        System.setProperty(StartedMarker.PROPERTY, file.toString());
        try {
            StartedMarker marker = new StartedMarker();
            marker.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
            assertThat(file).as("not while refusing").doesNotExist();
            marker.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
            assertThat(file).isRegularFile();
            Files.delete(file); // as the script does
            marker.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
            marker.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
            assertThat(file).as("made once only").doesNotExist();
        } finally {
            if (before == null) System.clearProperty(StartedMarker.PROPERTY);
            else System.setProperty(StartedMarker.PROPERTY, before);
        }
    }
}
