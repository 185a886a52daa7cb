package org.tandem.operations.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tandem.operations.backup.RestoreProgress.Phase;
import org.tandem.operations.backup.internal.ArchiveCipher;
import org.tandem.operations.backup.internal.ArchiveRefusedException;
import org.tandem.operations.backup.internal.BackupArchive;
import org.tandem.operations.backup.internal.DataDirFiles;
import org.tandem.operations.backup.internal.DatabaseDump;
import org.tandem.operations.backup.internal.Manifest;
import org.tandem.operations.backup.internal.NonClosingOutput;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.ApplianceVersion;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.recording.CallRecordings;

/**
 * Backup and restore of the whole appliance: one zip with a database-neutral dump (H2 ↔ MariaDB), the
 * keys, certificates and media folders of the data dir, and a manifest with a checksum per entry.
 * <p>
 * A restore first verifies the whole archive and changes nothing if any check fails; then it unpacks the
 * files beside the live ones, replaces the database rows in one transaction, renames the files into
 * place and restarts the appliance ({@link ApplianceRestart}). A restart rather than reloading: every
 * feature keeps its data in memory (users and secrets, routing, trunks and their registrations, phones),
 * and the key that decrypts the SIP secrets is read once; starting again is the one path that loads all
 * of it, including features added later. The outcome is kept in the data dir across the restart.
 * Restores run one at a time on their own thread, never on a SIP or HTTP thread.
 */
@Service
public class Backups implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORK = ".restore";

    private final DatabaseDump database;
    private final JdbcClient jdbc;
    private final Path dataDir;
    /** The appliance restarts its context after a restore; pbx-core's test application has no restarter (the admin restarts). */
    private final ObjectProvider<ApplianceRestart> restart;

    private final CallRecordings recordings;
    private final AtomicReference<RestoreProgress> progress =
            new AtomicReference<>(RestoreProgress.of(Phase.IDLE, 0, "No restore since the appliance started"));
    private final AtomicBoolean running = new AtomicBoolean();
    /** One restore at a time and none waiting: a second one is refused while the first runs. */
    private final ThreadPoolExecutor worker;

    public Backups(
            DataSource dataSource,
            TandemProperties tandem,
            ObjectProvider<ApplianceRestart> restart,
            Workers workers,
            CallRecordings recordings) {
        this.recordings = recordings;
        this.worker = workers.single("restore", 0);
        this.database = new DatabaseDump(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
        this.dataDir = tandem.dataDir();
        this.restart = restart;
        readOutcomeOfLastRestore();
    }

    /** {@code tandem-backup-<host>-<UTC timestamp>.zip}. */
    public String archiveName(Instant at) {
        return archiveName(at, false);
    }

    /** {@code tandem-backup-<host>-<UTC timestamp>.zip}, with {@code .enc} after it when encrypted. */
    public String archiveName(Instant at, boolean encrypted) {
        return "tandem-backup-" + host().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + STAMP.format(at) + ".zip"
                + (encrypted ? ".enc" : "");
    }

    /** Writes a complete backup archive to {@code out}. */
    public void writeArchive(OutputStream out, Instant at) throws IOException {
        writeArchive(out, at, null);
    }

    /**
     * Writes a complete backup archive to {@code out}, encrypted with {@code passphrase} unless it is null or empty
     * ({@link ArchiveCipher}: AES-256-GCM, PBKDF2). {@code out} is left open.
     *
     * @throws IllegalArgumentException when the passphrase is shorter than {@link #MIN_PASSPHRASE}
     */
    public void writeArchive(OutputStream out, Instant at, char[] passphrase) throws IOException {
        Manifest header = new Manifest(
                Manifest.FORMAT,
                Manifest.FORMAT_VERSION,
                tandemVersion(),
                schemaVersion(),
                at.truncatedTo(ChronoUnit.SECONDS).toString(),
                host(),
                null);
        boolean encrypt = passphrase != null && passphrase.length > 0;
        OutputStream target = encrypt ? ArchiveCipher.encrypting(new NonClosingOutput(out), passphrase) : out;
        try {
            boolean leaveOut = !recordings.inBackups(); // issue 18: the admin keeps them out
            BackupArchive.write(
                    target,
                    database,
                    dataDir,
                    header,
                    leaveOut ? List.of(CallRecordings.BACKUP_FOLDER) : List.of(),
                    leaveOut ? Set.of(CallRecordings.BACKUP_TABLE) : Set.of());
        } catch (SQLException e) {
            throw new IOException("Cannot read the database for the backup: " + e.getMessage(), e);
        }
        if (encrypt) target.close(); // the last segment; out stays open
    }

    /**
     * Reads {@code archive} through every check a restore makes — decrypting it first with {@code passphrase} when it
     * is encrypted — and changes nothing: a backup nobody tried to restore is not yet a backup. The decrypted copy is
     * written next to the archive (owner-only, named like a crash leftover so the schedule's retention would remove
     * it after a crash) and deleted before this returns.
     *
     * @return what was checked, for a person ("checked: schema 61, 120 rows")
     * @throws IOException saying why a restore would refuse it
     */
    public String verify(Path archive, char[] passphrase) throws IOException {
        Path decrypted = null;
        try {
            Path plain = archive;
            if (ArchiveCipher.isEncrypted(archive)) {
                if (passphrase == null || passphrase.length == 0)
                    throw new IOException("it is encrypted; give its passphrase");
                decrypted = archive.resolveSibling(archive.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                Files.createFile(decrypted, ownerOnly(archive));
                ArchiveCipher.decrypt(archive, decrypted, passphrase);
                plain = decrypted;
            }
            BackupArchive.Verified v = BackupArchive.verify(plain, schemaVersion(), database, read -> {});
            return "checked: schema " + v.manifest().schemaVersion() + ", "
                    + v.database().totalRows() + " rows";
        } catch (ArchiveRefusedException refused) {
            throw new IOException(refused.getMessage(), refused);
        } finally {
            if (decrypted != null) Files.deleteIfExists(decrypted);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }

    /** Shortest backup passphrase accepted. */
    public static final int MIN_PASSPHRASE = ArchiveCipher.MIN_PASSPHRASE;

    public RestoreProgress progress() {
        return progress.get();
    }

    /**
     * Takes the uploaded archive (read to the end here) and restores it in the background; follow it with
     * {@link #progress()}.
     *
     * @throws RestoreBusyException when a restore is running
     */
    public RestoreProgress restore(InputStream upload) throws IOException {
        return restore(upload, null);
    }

    /**
     * As {@link #restore(InputStream)}, for an archive that may be encrypted: it is decrypted with {@code passphrase}
     * before anything else, and refused (nothing changed) when the passphrase is missing or wrong.
     */
    public RestoreProgress restore(InputStream upload, char[] passphrase) throws IOException {
        if (!running.compareAndSet(false, true)) throw new RestoreBusyException();
        Path archive = dataDir.resolve(WORK).resolve("upload.zip");
        try {
            Path work = Files.createDirectories(dataDir.resolve(WORK));
            DataDirFiles.deleteTree(work.resolve("staging"));
            try {
                // the caller bounds the upload (tandem.uploads.restore); a refused one leaves nothing on disk
                Files.copy(upload, archive, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(archive);
                throw e;
            }
            progress.set(RestoreProgress.of(Phase.VERIFYING, 0, "Checking the archive"));
            char[] key = passphrase == null ? null : passphrase.clone();
            worker.execute(() -> run(archive, key));
            return progress.get();
        } catch (IOException | RuntimeException e) {
            running.set(false);
            throw e;
        }
    }

    private void run(Path uploaded, char[] passphrase) {
        boolean restarting = false;
        try {
            Path archive = decrypted(uploaded, passphrase);
            if (archive == null) return;
            long size = Math.max(1, Files.size(archive));
            BackupArchive.Verified verified;
            try {
                verified = BackupArchive.verify(
                        archive,
                        schemaVersion(),
                        database,
                        read -> step(Phase.VERIFYING, (int) (30 * read / size), "Checking the archive"));
            } catch (ArchiveRefusedException refused) {
                log.warn("Restore refused: {}", refused.getMessage());
                String reason = refused.getMessage()
                        .replaceFirst("^its ", "the archive's ")
                        .replaceFirst("^it ", "the archive ");
                progress.set(RestoreProgress.of(Phase.REFUSED, 0, "Refused, nothing was changed: " + reason + "."));
                return;
            }
            Path work = dataDir.resolve(WORK);
            Path staging = work.resolve("staging");
            step(Phase.UNPACKING, 30, "Unpacking keys, certificates and media");
            BackupArchive.extractFiles(archive, verified.manifest(), staging);
            long rows = Math.max(1, verified.database().totalRows());
            step(Phase.RESTORING_DATABASE, 40, "Restoring the database");
            try (InputStream dump = BackupArchive.openDatabase(archive)) {
                database.restore(
                        dump,
                        new HashSet<>(verified.database().columns().keySet()),
                        done -> step(
                                Phase.RESTORING_DATABASE, 40 + (int) (50 * done / rows), "Restoring the database"));
            }
            step(Phase.SWAPPING_FILES, 90, "Putting keys, certificates and media in place");
            new DataDirFiles(dataDir).swapIn(staging, work.resolve("aside"));
            Manifest m = verified.manifest();
            String summary = "Restored the backup of " + m.host() + " made " + m.createdAt() + " (Tandem "
                    + m.tandemVersion() + ", schema " + m.schemaVersion() + ", "
                    + verified.database().totalRows()
                    + " rows).";
            log.info(summary);
            Files.deleteIfExists(archive);
            ApplianceRestart restarter = restart.getIfAvailable();
            if (restarter == null) {
                progress.set(RestoreProgress.of(Phase.DONE, 100, summary + " Restart the appliance to load it."));
                return;
            }
            JSON.writeValue(work.resolve("outcome.json").toFile(), Map.of("message", summary));
            progress.set(RestoreProgress.of(
                    Phase.RESTARTING,
                    95,
                    "Restored; the appliance restarts to load it (about half a minute), then log in again"));
            restarting = true;
            restarter.restart();
        } catch (IOException | SQLException | RuntimeException e) {
            log.error("Restore failed", e);
            progress.set(RestoreProgress.of(
                    Phase.FAILED, 0, "The restore failed and the database was left as it was: " + e.getMessage()));
        } finally {
            if (!restarting) {
                try {
                    DataDirFiles.deleteTree(dataDir.resolve(WORK));
                } catch (IOException e) {
                    log.warn("Cannot clean up {}: {}", dataDir.resolve(WORK), e.getMessage());
                }
                running.set(false);
            }
        }
    }

    /**
     * The plain archive: the upload itself, or its decryption next to it. Null (and REFUSED) when it is encrypted
     * and the passphrase is missing or wrong: then nothing was changed.
     */
    private Path decrypted(Path uploaded, char[] passphrase) throws IOException {
        if (!ArchiveCipher.isEncrypted(uploaded)) return uploaded;
        if (passphrase == null || passphrase.length == 0) {
            progress.set(RestoreProgress.of(
                    Phase.REFUSED,
                    0,
                    "Refused, nothing was changed: this backup is encrypted; " + "give its passphrase to restore it."));
            return null;
        }
        step(Phase.VERIFYING, 0, "Decrypting the archive");
        Path plain = uploaded.resolveSibling("upload-decrypted.zip");
        try {
            ArchiveCipher.decrypt(uploaded, plain, passphrase);
        } catch (ArchiveCipher.WrongPassphraseException e) {
            log.warn("Restore refused: {}", e.getMessage());
            progress.set(RestoreProgress.of(Phase.REFUSED, 0, "Refused, nothing was changed: " + e.getMessage() + "."));
            return null;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        Files.deleteIfExists(uploaded);
        return plain;
    }

    private void step(Phase phase, int percent, String message) {
        RestoreProgress now = progress.get();
        if (now.phase() != phase || now.percent() != percent) progress.set(RestoreProgress.of(phase, percent, message));
    }

    private void readOutcomeOfLastRestore() {
        Path outcome = dataDir.resolve(WORK).resolve("outcome.json");
        try {
            if (Files.exists(outcome)) {
                JsonNode saved = JSON.readTree(outcome.toFile());
                progress.set(RestoreProgress.of(
                        Phase.DONE, 100, saved.path("message").asText("Restored.")));
            }
            DataDirFiles.deleteTree(dataDir.resolve(WORK));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or clear " + dataDir.resolve(WORK), e);
        }
    }

    /** The newest applied Flyway migration. */
    public String schemaVersion() {
        return jdbc
                .sql("SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL")
                .query(String.class)
                .list()
                .stream()
                .map(MigrationVersion::fromVersion)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion)
                .orElse("0");
    }

    static String tandemVersion() {
        return ApplianceVersion.current();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "tandem";
        }
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
