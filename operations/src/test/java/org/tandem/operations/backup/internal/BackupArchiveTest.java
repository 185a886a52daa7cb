package org.tandem.operations.backup.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that need no database: unknown or escaping entries, duplicates, manifest format. */
class BackupArchiveTest {

    @TempDir
    Path dir;

    private Path zip(Map<String, String> entries) throws IOException {
        Path file = dir.resolve("a" + System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private void refused(Path archive, String reason) {
        assertThatThrownBy(() -> BackupArchive.verify(archive, "6", new DatabaseDump(null), n -> {}))
                .isInstanceOf(ArchiveRefusedException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesEntriesThatWouldEscapeTheDataDirOrAreNotBackupParts() throws IOException {
        refused(zip(Map.of("files/../../etc/passwd", "x")), "which no Tandem backup has");
        refused(zip(Map.of("files/tls/../../outside", "x")), "which no Tandem backup has");
        refused(zip(Map.of("files//secret.key", "x")), "which no Tandem backup has");
        refused(zip(Map.of("files/tandem.mv.db", "x")), "which no Tandem backup has");
        refused(zip(Map.of("files/secret.key/inner", "x")), "which no Tandem backup has");
    }

    @Test
    void theKeysAreSingleFilesAndTheFoldersHoldFiles() {
        org.assertj.core.api.Assertions.assertThat(DataDirFiles.isPart("secret.key"))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(DataDirFiles.isPart("route.key"))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(DataDirFiles.isPart("voicemail/101/msg0001.wav"))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(DataDirFiles.isPart("voicemail"))
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(DataDirFiles.isPart("tandem.mv.db"))
                .isFalse();
    }

    @Test
    void refusesAForeignOrNewerManifestAndAMissingOne() throws IOException {
        refused(zip(Map.of("database.json", "{\"tables\":[]}")), "no manifest.json");
        refused(
                zip(Map.of("manifest.json", "{\"format\":\"other-backup\",\"formatVersion\":1}")),
                "unknown manifest format");
        refused(
                zip(Map.of(
                        "manifest.json",
                        "{\"format\":\"tandem-backup\",\"formatVersion\":2,\"schemaVersion\":\"6\","
                                + "\"entries\":[]}")),
                "backup format 2");
        Map<String, String> listed = new LinkedHashMap<>();
        listed.put(
                "manifest.json",
                "{\"format\":\"tandem-backup\",\"formatVersion\":1,\"schemaVersion\":\"6\","
                        + "\"entries\":[{\"name\":\"database.json\",\"size\":1,\"sha256\":\"00\"}]}");
        refused(zip(listed), "database.json is missing");
        refused(
                dir.resolve("empty.zip").toFile().createNewFile() ? dir.resolve("empty.zip") : null,
                "not a Tandem backup");
    }
}
