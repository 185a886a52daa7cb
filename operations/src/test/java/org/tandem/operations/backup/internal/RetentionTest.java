package org.tandem.operations.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which files of the backups folder the schedule deletes: only its own, only when older than the days to keep. */
class RetentionTest {

    static final Path DIR = Path.of("/data/backups");
    static final Instant NOW = Instant.parse("2026-11-25T02:30:05Z");

    @Test
    void archivesOlderThanTheDaysToKeepGoTheRestStay() {
        List<Path> files = files(
                "tandem-backup-pbx-20261125-023000.zip", // today's
                "tandem-backup-pbx-20261112-023000.zip", // 13 days old
                "tandem-backup-pbx-20261111-023004.zip", // 14 days and 1 second: gone
                "tandem-backup-pbx-20261111-023006.zip.enc", // 1 second less than 14 days: kept
                "tandem-backup-pbx-20261001-023000.zip.enc");
        assertThat(names(Retention.expired(files, NOW, 14)))
                .containsExactlyInAnyOrder(
                        "tandem-backup-pbx-20261111-023004.zip", "tandem-backup-pbx-20261001-023000.zip.enc");
        assertThat(names(Retention.expired(files, NOW, 1)))
                .hasSize(4)
                .doesNotContain("tandem-backup-pbx-20261125-023000.zip");
    }

    @Test
    void filesTheScheduleDidNotMakeAreNeverDeleted() {
        List<Path> files = files(
                "notes.txt",
                "tandem-backup-pbx-20200101-000000.zip.bak", // renamed by an admin
                "my-tandem-backup-pbx-20200101-000000.zip",
                "tandem-backup-pbx-20201399-000000.zip", // not a date
                "tandem-backup-20200101-000000.zip", // no host part
                "tandem.mv.db");
        assertThat(Retention.expired(files, NOW, 1)).isEmpty();
    }

    @Test
    void theHostMayContainDashesAndDots() {
        assertThat(Retention.madeAt("tandem-backup-pbx-01.example.com-20261001-023000.zip"))
                .contains(Instant.parse("2026-10-01T02:30:00Z"));
        assertThat(Retention.madeAt("tandem-backup-pbx-20261001-023000.zip.enc"))
                .contains(Instant.parse("2026-10-01T02:30:00Z"));
        assertThat(Retention.madeAt("tandem-backup-pbx-20261001-023000.zip.part"))
                .isEmpty();
    }

    @Test
    void halfWrittenArchivesACrashLeftAreDeletedAtTheNextRun() {
        List<Path> files = files(
                "tandem-backup-pbx-20261125-023000.zip.3fa9c1d2e4b5.tmp",
                "tandem-backup-pbx-20261125-023000.zip.enc.7b.tmp",
                "other.zip.3fa9.tmp");
        assertThat(names(Retention.expired(files, NOW, 14)))
                .containsExactlyInAnyOrder(
                        "tandem-backup-pbx-20261125-023000.zip.3fa9c1d2e4b5.tmp",
                        "tandem-backup-pbx-20261125-023000.zip.enc.7b.tmp");
    }

    private static List<Path> files(String... names) {
        return java.util.Arrays.stream(names).map(DIR::resolve).toList();
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }
}
