package org.tandem.operations.backup.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.operations.backup.Backups;
import org.tandem.operations.backup.ScheduledBackupOutcome;
import org.tandem.operations.backup.internal.BackupScheduleConfiguration.ScheduledBackupMetrics;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.files.DurableFiles;
import org.tandem.pbx.security.SecretCipher;

/**
 * One scheduled backup, the same for the daily time and "Run now": write the archive into {@code <data-dir>/backups/}
 * durably (temp file, fsync, rename: a crash never leaves a half archive under its final name), read it back through
 * the restore's checks, delete the schedule's archives older than the days to keep, then copy the new one to SFTP
 * when configured. Each failure is logged, counted and kept as the outcome the Backup page shows; none escapes.
 * Runs only on the backup timer thread.
 */
@Component
public class ScheduledBackupRun {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackupRun.class);

    private final Backups backups;
    private final ScheduleRepository repository;
    private final SecretCipher cipher;
    private final ScheduledBackupMetrics metrics;
    private final Path folder;

    public ScheduledBackupRun(
            Backups backups,
            ScheduleRepository repository,
            SecretCipher cipher,
            ScheduledBackupMetrics metrics,
            TandemProperties tandem) {
        this.backups = backups;
        this.repository = repository;
        this.cipher = cipher;
        this.metrics = metrics;
        this.folder = tandem.dataDir().resolve("backups");
    }

    /** Where the archives are kept. */
    public Path folder() {
        return folder;
    }

    public ScheduledBackupOutcome run() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ScheduledBackupOutcome outcome;
        try {
            outcome = new ScheduledBackupOutcome(at, true, steps(at, repository.read()));
        } catch (StepFailed e) {
            outcome = new ScheduledBackupOutcome(at, false, e.getMessage());
        } catch (RuntimeException e) { // a database or key problem: still an outcome, never a dead timer thread
            log.error("Scheduled backup failed", e);
            outcome = new ScheduledBackupOutcome(at, false, "The backup failed: " + e.getMessage());
        }
        if (outcome.ok()) log.info("Scheduled backup: {}", outcome.message());
        else log.warn("Scheduled backup failed: {}", outcome.message());
        metrics.count(outcome.ok());
        try {
            repository.recordOutcome(outcome);
        } catch (RuntimeException e) {
            log.warn("Cannot store the scheduled backup's outcome: {}", e.getMessage());
        }
        return outcome;
    }

    private String steps(Instant at, ScheduleRepository.Row row) throws StepFailed {
        char[] passphrase = row.passphrase() == null
                ? null
                : cipher.decrypt(row.passphrase()).toCharArray();
        try {
            Path archive = folder.resolve(backups.archiveName(at, passphrase != null));
            write(archive, at, passphrase);
            String checked;
            try {
                checked = backups.verify(archive, passphrase);
            } catch (IOException e) {
                deleteQuietly(archive); // a backup that would not restore must not look like one
                throw new StepFailed(
                        "The archive was written but failed the restore check, so it was removed: " + e.getMessage());
            }
            StringBuilder done =
                    new StringBuilder("Wrote " + archive.getFileName() + " (" + size(archive) + ", " + checked + ")");
            List<String> problems = new ArrayList<>();
            int deleted = prune(row.keepDays(), problems);
            if (deleted > 0)
                done.append(", deleted ")
                        .append(deleted)
                        .append(deleted == 1 ? " archive" : " archives")
                        .append(" older than ")
                        .append(row.keepDays())
                        .append(row.keepDays() == 1 ? " day" : " days");
            if (row.sftpEnabled()) {
                SftpUpload.Target target = new SftpUpload.Target(
                        row.sftpHost(),
                        row.sftpPort(),
                        row.sftpUser(),
                        clear(row.sftpPassword()),
                        clear(row.sftpPrivateKey()),
                        row.sftpDirectory(),
                        row.sftpHostKey());
                try {
                    String hostKey = SftpUpload.upload(archive, target);
                    if (row.sftpHostKey() == null && hostKey != null) repository.pinHostKey(hostKey);
                    done.append(", copied to ").append(target.describe());
                } catch (IOException e) {
                    problems.add("the copy to SFTP failed: " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) throw new StepFailed(done + ", but " + String.join("; ", problems) + ".");
            return done + ".";
        } finally {
            if (passphrase != null) Arrays.fill(passphrase, '\0');
        }
    }

    private void write(Path archive, Instant at, char[] passphrase) throws StepFailed {
        try {
            Files.createDirectories(folder);
            DurableFiles.writePrivate(archive, channel -> {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                backups.writeArchive(out, at, passphrase);
                out.flush(); // not close(): DurableFiles forces and closes the channel
            });
        } catch (IOException | RuntimeException e) {
            throw new StepFailed("The archive could not be written to " + folder + ": " + plain(e)
                    + ". Check the free disk space and that the folder is writable.");
        }
    }

    /** Deletes what {@link Retention} names; a file that will not go is a problem, not the end of the run. */
    private int prune(int keepDays, List<String> problems) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.toList();
        } catch (IOException e) {
            problems.add("the old archives could not be listed: " + e.getMessage());
            return 0;
        }
        int deleted = 0;
        for (Path old : Retention.expired(files, Instant.now(), keepDays)) {
            try {
                Files.deleteIfExists(old);
                if (Retention.madeAt(old.getFileName().toString()).isPresent()) deleted++;
            } catch (IOException e) {
                problems.add("the old archive " + old.getFileName() + " could not be deleted: " + e.getMessage());
            }
        }
        return deleted;
    }

    /** The JDK's file errors say only the path; a person needs the reason too ("No space left on device"). */
    private static String plain(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied (" + e.getMessage() + ")";
        if (e instanceof NoSuchFileException) return "no such folder (" + e.getMessage() + ")";
        if (e instanceof FileAlreadyExistsException) return "a file is in the way (" + e.getMessage() + ")";
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private String clear(String encrypted) {
        return encrypted == null ? null : cipher.decrypt(encrypted);
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes < 1 << 20 ? (bytes + 1023) / 1024 + " KiB" : String.format("%.1f MiB", bytes / 1048576.0);
        } catch (IOException e) {
            return "size unknown";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    /** A step failed; the message is the outcome a person reads. */
    private static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }
}
