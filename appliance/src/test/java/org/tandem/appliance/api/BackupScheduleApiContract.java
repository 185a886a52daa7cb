package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.operations.backup.Backups;

/**
 * Scheduled backups over the API (issue 17), against a real SFTP server in this JVM (Apache MINA SSHD on 127.0.0.1,
 * password login): the schedule is checked field by field, a run writes an archive that passes the restore's checks,
 * deletes only the schedule's own expired archives, lands on the server byte for byte, and a refused login is the
 * outcome the page shows. Run per database by its subclasses.
 */
abstract class BackupScheduleApiContract extends ApiTestBase {

    static final String SFTP_USER = "backup";
    static final String SFTP_PASSWORD = "sftp-secret-1";
    static final String PASSPHRASE = "long enough passphrase";

    @Autowired
    Backups backups;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @TempDir
    Path sftpRoot;

    SshServer sftp;

    @BeforeEach
    void sftpServer() throws IOException {
        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(0);
        sftp.setKeyPairProvider(
                new SimpleGeneratorHostKeyProvider(sftpRoot.resolveSibling(sftpRoot.getFileName() + "-hostkey")));
        sftp.setPasswordAuthenticator(
                (user, password, session) -> SFTP_USER.equals(user) && SFTP_PASSWORD.equals(password));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sftp.start();
        Files.createDirectories(sftpRoot.resolve("tandem"));
    }

    @AfterEach
    void stopSftp() throws IOException {
        sftp.stop(true);
    }

    @Test
    void badValuesAreRefusedFieldByFieldAndNothingIsSaved() {
        JsonNode before = admin.get("/api/v1/backup/schedule").json();
        Response bad = admin.put(
                "/api/v1/backup/schedule",
                "{\"enabled\":true,\"timeOfDay\":\"25:00\",\"keepDays\":0,"
                        + "\"passphrase\":\"short\",\"sftpEnabled\":true,\"sftpHost\":\"\",\"sftpPort\":70000,"
                        + "\"sftpPassword\":\"\",\"sftpPrivateKey\":\"\"}"); // both removed: neither is left to log in
        // with
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        JsonNode fields = bad.json().get("fields");
        assertThat(fields.get("timeOfDay").asText()).contains("HH:MM");
        assertThat(fields.get("keepDays").asText()).contains("1 to");
        assertThat(fields.get("passphrase").asText()).contains("at least 8");
        assertThat(fields.get("sftpHost").asText()).contains("needed while the copy to SFTP is on");
        assertThat(fields.get("sftpPort").asText()).contains("65535");
        assertThat(fields.get("sftpUser").asText()).contains("needed");
        assertThat(fields.get("sftpPassword").asText()).contains("password or a private key");
        assertNoStackTrace(bad);
        Response badKey = admin.put(
                "/api/v1/backup/schedule",
                "{\"timeOfDay\":\"02:30\",\"keepDays\":3,"
                        + "\"sftpPrivateKey\":\"-----BEGIN OPENSSH PRIVATE KEY-----\\nnot a key\\n-----END OPENSSH PRIVATE KEY-----\"}");
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
        assertThat(badKey.json().get("fields").get("sftpPrivateKey").asText())
                .startsWith("is not a readable private key");
        Response badKeyInGerman = admin.inLanguage("de")
                .put(
                        "/api/v1/backup/schedule",
                        "{\"timeOfDay\":\"02:30\"," + "\"keepDays\":3,\"sftpPrivateKey\":\"not a key at all\"}");
        assertThat(badKeyInGerman.status()).as(badKeyInGerman.toString()).isEqualTo(400);
        assertThat(badKeyInGerman.json().get("fields").get("sftpPrivateKey").asText())
                .as("issue 18: in the reader's language")
                .startsWith("ist kein lesbarer privater Schlüssel (OpenSSH oder PEM, ohne Passphrase): ");
        assertThat(admin.get("/api/v1/backup/schedule").json()).isEqualTo(before);
        assertThat(anonymous.get("/api/v1/backup/schedule").status()).isEqualTo(401);
    }

    @Test
    void aRunWritesACheckedArchiveKeepsNDaysAndCopiesItToSftp() throws Exception {
        Path folder = dataDir.resolve("backups");
        Files.createDirectories(folder);
        Path expired = Files.writeString(folder.resolve("tandem-backup-oldhost-20200101-023000.zip"), "old");
        Path foreign = Files.writeString(folder.resolve("notes-20200101.txt"), "the admin's own file");

        Response saved = admin.put("/api/v1/backup/schedule", schedule(PASSPHRASE, SFTP_PASSWORD, 3));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(PASSPHRASE).doesNotContain(SFTP_PASSWORD);
        JsonNode s = saved.json().get("schedule");
        assertThat(s.get("passphraseSet").asBoolean()).isTrue();
        assertThat(s.get("sftpPasswordSet").asBoolean()).isTrue();
        assertThat(s.get("keepDays").asInt()).isEqualTo(3);
        assertThat(saved.json().get("nextRun").isNull()).as("planned while on").isFalse();
        assertThat(jdbc.sql("SELECT passphrase FROM backup_schedule")
                        .query(String.class)
                        .single())
                .as("stored encrypted with the appliance key")
                .startsWith("v1:")
                .doesNotContain(PASSPHRASE);

        Response run = runNow();
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        assertThat(run.json().get("ok").asBoolean()).as(run.body()).isTrue();
        assertThat(run.json().get("message").asText())
                .contains("checked")
                .contains("deleted 1 archive older than 3 days")
                .contains("copied to sftp://backup@127.0.0.1:" + sftp.getPort());

        String name = newest();
        assertThat(name).endsWith(".zip.enc");
        Path archive = folder.resolve(name);
        assertThat(backups.verify(archive, PASSPHRASE.toCharArray())).contains("checked");
        assertThatThrownBy(() -> backups.verify(archive, "wrong passphrase".toCharArray()))
                .isInstanceOf(IOException.class);
        assertThat(expired).as("the schedule's own expired archive").doesNotExist();
        assertThat(foreign).as("a file the schedule did not make").exists();
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        Path uploaded = sftpRoot.resolve("tandem").resolve(name);
        assertThat(uploaded).exists();
        assertThat(Files.readAllBytes(uploaded)).isEqualTo(Files.readAllBytes(archive));
        assertThat(sftpRoot.resolve("tandem").resolve(name + ".part")).doesNotExist();
        assertThat(admin.getBytes("/api/v1/backup/archives/" + name)).isEqualTo(Files.readAllBytes(archive));
        assertThat(admin.get("/api/v1/backup/archives/..%2Fsecret.key").status())
                .isIn(400, 404);
        assertThat(admin.get("/api/v1/backup/archives/notes-20200101.txt").status())
                .isEqualTo(404);

        JsonNode after = admin.get("/api/v1/backup/schedule").json();
        assertThat(after.get("schedule").get("sftpHostKey").asText())
                .as("trusted on first use")
                .startsWith("SHA256:");
        assertThat(after.get("lastRun").get("ok").asBoolean()).isTrue();
    }

    /** A run that starts in the second the previous one ended gets the same stamp: the one written last is newest. */
    @Test
    void twoArchivesOfOneSecondAreListedByWhichWasWrittenLast() throws IOException {
        Path folder = dataDir.resolve("backups");
        Files.createDirectories(folder);
        Path plain = Files.writeString(folder.resolve("tandem-backup-vm-20300101-120000.zip"), "first");
        Path encrypted = Files.writeString(folder.resolve("tandem-backup-vm-20300101-120000.zip.enc"), "second");
        try {
            Files.setLastModifiedTime(plain, FileTime.from(Instant.parse("2030-01-01T12:00:00.900Z")));
            Files.setLastModifiedTime(encrypted, FileTime.from(Instant.parse("2030-01-01T12:00:00.100Z")));
            assertThat(newest()).isEqualTo(plain.getFileName().toString());
            Files.setLastModifiedTime(encrypted, FileTime.from(Instant.parse("2030-01-01T12:00:18Z")));
            assertThat(newest()).isEqualTo(encrypted.getFileName().toString());
        } finally {
            Files.delete(plain);
            Files.delete(encrypted);
        }
    }

    @Test
    void aRefusedSftpLoginIsTheOutcomeAndCounted() {
        double failedBefore = failedRuns();
        admin.put("/api/v1/backup/schedule", schedule("", "not-the-password", 14));

        Response run = runNow();
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        JsonNode outcome = run.json();
        assertThat(outcome.get("ok").asBoolean()).isFalse();
        assertThat(outcome.get("message").asText())
                .as("the archive is kept locally; the copy failed, in plain words")
                .startsWith("Wrote tandem-backup-")
                .contains(".zip (")
                .contains("the copy to SFTP failed: the SFTP server 127.0.0.1:" + sftp.getPort()
                        + " refused the login of backup")
                .doesNotContain("Exception");
        assertThat(admin.get("/api/v1/backup/schedule")
                        .json()
                        .get("lastRun")
                        .get("message")
                        .asText())
                .isEqualTo(outcome.get("message").asText());
        assertThat(failedRuns()).isEqualTo(failedBefore + 1);
        assertThat(newest()).as("the passphrase was removed: a plain zip").endsWith(".zip");
    }

    @Test
    void aDiskThatCannotTakeTheArchiveIsTheOutcomeNotACrash() throws IOException {
        // running as root ignores permissions, so a file where the folder belongs stands in for a full or broken disk
        Path folder = dataDir.resolve("backups");
        Path aside = dataDir.resolve("backups-aside");
        if (Files.exists(folder)) Files.move(folder, aside);
        Files.writeString(folder, "in the way");
        try {
            admin.put(
                    "/api/v1/backup/schedule",
                    "{\"enabled\":false,\"timeOfDay\":\"02:30\",\"keepDays\":14,"
                            + "\"passphrase\":\"\",\"sftpEnabled\":false}");
            double failedBefore = failedRuns();
            Response run = runNow();
            assertThat(run.status()).as(run.toString()).isEqualTo(200);
            assertThat(run.json().get("ok").asBoolean()).isFalse();
            assertThat(run.json().get("message").asText())
                    .startsWith("The archive could not be written to ")
                    .contains("a file is in the way")
                    .endsWith("Check the free disk space and that the folder is writable.");
            assertThat(failedRuns()).isEqualTo(failedBefore + 1);
            assertThat(admin.get("/api/v1/backup/schedule").status())
                    .as("the appliance goes on")
                    .isEqualTo(200);
        } finally {
            Files.delete(folder);
            if (Files.exists(aside)) Files.move(aside, folder);
        }
        assertThat(runNow().json().get("ok").asBoolean())
                .as("the next run works again")
                .isTrue();
    }

    /** On, at a time twelve hours away (no daily run during the test), with an SFTP copy to this test's server. */
    private String schedule(String passphrase, String sftpPassword, int keepDays) {
        String time = LocalTime.now(ZoneId.systemDefault())
                .plusHours(12)
                .truncatedTo(ChronoUnit.HOURS)
                .toString();
        return "{\"enabled\":true,\"timeOfDay\":\"" + time + "\",\"keepDays\":" + keepDays + ",\"passphrase\":\""
                + passphrase + "\",\"sftpEnabled\":true,\"sftpHost\":\"127.0.0.1\",\"sftpPort\":" + sftp.getPort()
                + ",\"sftpUser\":\"" + SFTP_USER + "\",\"sftpPassword\":\"" + sftpPassword
                + "\",\"sftpDirectory\":\"tandem\"}";
    }

    /** "Run now" encrypts (PBKDF2) and checks a whole archive: on a busy machine that outlasts the usual 20 s. */
    private Response runNow() {
        return admin.patient(Duration.ofMinutes(3)).post("/api/v1/backup/schedule/run", "");
    }

    private String newest() {
        JsonNode list = admin.get("/api/v1/backup/archives").json();
        assertThat(list.size()).isPositive();
        return list.get(0).get("name").asText();
    }

    private double failedRuns() {
        var c = meters.find("tandem.backup.scheduled.runs")
                .tag("result", "failed")
                .counter();
        return c == null ? 0 : c.count();
    }
}
