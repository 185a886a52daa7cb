package org.tandem.pbx.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSpaceTest {

    @Test
    void whileTheDiskHasLessThanTheFloorFreeCallsGoOnUnrecordedAndAreCounted() {
        AtomicLong free = new AtomicLong(10L << 30);
        RecordingSpace space = new RecordingSpace(free::get, 512L << 20);
        space.refresh(1234);
        assertThat(space.roomForAnother()).isTrue();
        assertThat(space.totalBytes()).isEqualTo(1234);

        free.set(100L << 20); // 100 MB left
        assertThat(space.roomForAnother())
                .as("only a refresh looks at the disk again")
                .isTrue();
        space.refresh(1234);
        assertThat(space.diskLow()).isTrue();
        assertThat(space.roomForAnother()).isFalse();
        assertThat(space.roomForAnother()).isFalse();
        assertThat(space.skipped()).isEqualTo(2);

        free.set(2L << 30);
        space.refresh(0);
        assertThat(space.diskLow()).isFalse();
        assertThat(space.roomForAnother()).isTrue();
        assertThat(space.skipped()).isEqualTo(2);
    }

    @Test
    void theFreeSpaceIsTheFileSystemsOfTheNearestExistingDirectory(@TempDir Path dir) {
        long usable = RecordingSpace.usable(dir.resolve("recordings/calls/2026/11/24"));
        assertThat(usable).isPositive().isLessThan(Long.MAX_VALUE);
        // other writers on the machine move it a little between the two looks
        assertThat(usable).isCloseTo(dir.toFile().getUsableSpace(), org.assertj.core.data.Offset.offset(1L << 30));
    }
}
