package org.tandem.operations.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.operations.testsupport.TestOperationsApplication;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * Issue 22 (Low): a backup holds every secret, so it can be encrypted with a passphrase. Restoring it without the
 * passphrase, or with a wrong one, is refused and changes nothing; with the right one it restores.
 */
class EncryptedBackupIT {

    static final String PASSPHRASE = "long enough passphrase";

    @TempDir
    Path source;

    @TempDir
    Path target;

    @TempDir
    Path files;

    @Test
    void anEncryptedBackupRestoresOnlyWithItsPassphrase() throws Exception {
        Path archive = files.resolve("backup.zip.enc");
        try (PbxTestContext pbx = TestOperationsApplication.start(source)) {
            pbx.bean(UserDirectory.class).create(new UserDraft("701", "Encrypted Eve", "s3cret-701", null));
            try (OutputStream out = Files.newOutputStream(archive)) {
                pbx.bean(Backups.class).writeArchive(out, Instant.now(), PASSPHRASE.toCharArray());
            }
        }
        byte[] head = Files.readAllBytes(archive);
        assertThat(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("no zip, no manifest, no user name in clear")
                .doesNotContain("PK\u0003\u0004")
                .doesNotContain("Encrypted Eve");

        try (PbxTestContext pbx = TestOperationsApplication.start(target)) {
            Backups backups = pbx.bean(Backups.class);
            JdbcClient db = pbx.bean(JdbcClient.class);

            restore(backups, archive, null);
            assertThat(await(backups, RestoreProgress.Phase.REFUSED).message())
                    .contains("nothing was changed")
                    .contains("encrypted")
                    .contains("passphrase");
            restore(backups, archive, "wrong passphrase!");
            assertThat(await(backups, RestoreProgress.Phase.REFUSED).message())
                    .contains("nothing was changed")
                    .contains("passphrase is wrong");
            assertThat(users(db)).as("nothing restored").isZero();
            assertThat(target.resolve(".restore")).doesNotExist();

            restore(backups, archive, PASSPHRASE);
            assertThat(await(backups, RestoreProgress.Phase.DONE).message()).contains("Restored the backup");
            assertThat(users(db)).isEqualTo(1);
        }
    }

    /** Starts a restore; the previous one may still be cleaning up for a moment after its outcome is set. */
    private static void restore(Backups backups, Path archive, String passphrase) {
        Awaitility.await("the previous restore cleaned up")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .ignoreException(RestoreBusyException.class)
                .until(() -> {
                    try (InputStream in = Files.newInputStream(archive)) {
                        backups.restore(in, passphrase == null ? null : passphrase.toCharArray());
                        return true;
                    }
                });
    }

    private static RestoreProgress await(Backups backups, RestoreProgress.Phase phase) {
        Awaitility.await("restore " + phase)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> backups.progress().phase().finished());
        RestoreProgress p = backups.progress();
        assertThat(p.phase()).as(p.message()).isEqualTo(phase);
        return p;
    }

    private static long users(JdbcClient db) {
        return db.sql("SELECT COUNT(*) FROM sip_user").query(Long.class).single();
    }
}
