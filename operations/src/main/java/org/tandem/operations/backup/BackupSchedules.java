package org.tandem.operations.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.tandem.operations.backup.internal.DailyTime;
import org.tandem.operations.backup.internal.Retention;
import org.tandem.operations.backup.internal.ScheduleRepository;
import org.tandem.operations.backup.internal.ScheduleRules;
import org.tandem.operations.backup.internal.ScheduledBackupRun;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupChanged;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Scheduled backups (issue 17): the admin's schedule — on/off, a daily time in the appliance's time zone, the days to
 * keep, an optional passphrase and SFTP copy — and the runs it makes, each written to {@code <data-dir>/backups/}
 * ({@link ScheduledBackupRun}). A saved schedule or a new time zone takes effect at once, without a restart. Every run,
 * daily or "Run now", goes through the one backup timer thread, one at a time.
 */
@Service
public class BackupSchedules implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedules.class);

    private final ScheduleRepository repository;
    private final ScheduledBackupRun runner;
    private final SecretCipher cipher;
    private final ScheduledExecutorService timer;
    private final ApplianceSetup setup;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private CompletableFuture<ScheduledBackupOutcome> pending;

    public BackupSchedules(
            ScheduleRepository repository,
            ScheduledBackupRun runner,
            SecretCipher cipher,
            @Qualifier("backupTimer") ScheduledExecutorService timer,
            ApplianceSetup setup) {
        this.repository = repository;
        this.runner = runner;
        this.cipher = cipher;
        this.timer = timer;
        this.setup = setup;
    }

    public BackupSchedule current() {
        return repository.read().view();
    }

    /**
     * Checks and saves the schedule and plans its next run.
     *
     * @throws InvalidInputException naming each bad field as {@link BackupScheduleDraft} names it
     */
    public BackupSchedule save(BackupScheduleDraft draft) {
        ScheduleRepository.Row row = ScheduleRules.merge(repository.read(), draft, cipher);
        repository.write(row, Instant.now());
        plan();
        return row.view();
    }

    /** When the schedule runs next; empty while it is off. */
    public synchronized Optional<Instant> nextRun() {
        return Optional.ofNullable(nextAt);
    }

    /** The last run's outcome (kept across restarts); empty before the first. */
    public Optional<ScheduledBackupOutcome> lastOutcome() {
        return repository.lastOutcome();
    }

    /** True while a run is queued or writing. */
    public synchronized boolean running() {
        return pending != null && !pending.isDone();
    }

    /** Runs the schedule's backup now, on the backup thread; a click while one runs joins that one. */
    public synchronized CompletableFuture<ScheduledBackupOutcome> runNow() {
        if (running()) return pending;
        CompletableFuture<ScheduledBackupOutcome> run = new CompletableFuture<>();
        timer.execute(() -> {
            try {
                run.complete(runner.run());
            } catch (Throwable t) { // the run keeps its own failures; anything else must not leave "running" forever
                run.completeExceptionally(t);
                throw t;
            }
        });
        pending = run;
        return run;
    }

    /** The kept archives, newest first. */
    public List<KeptArchive> archives() {
        Path folder = runner.folder();
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            // names carry the second a run started; two runs in one second (a plain and an encrypted one) are told
            // apart by which file was written last
            record Found(Path file, KeptArchive archive) {}
            return files.flatMap(f -> Retention.madeAt(f.getFileName().toString()).stream()
                            .map(at ->
                                    new Found(f, new KeptArchive(f.getFileName().toString(), at, sizeOf(f)))))
                    .sorted(Comparator.comparing((Found f) -> f.archive().createdAt())
                            .thenComparing(f -> modified(f.file()))
                            .reversed())
                    .map(Found::archive)
                    .toList();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", folder, e.getMessage());
            return List.of();
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // deleted between the listing and now
        }
    }

    /** A kept archive's file for download; empty for any name that is not one (no path reaches outside the folder). */
    public Optional<Path> archive(String name) {
        if (name == null || Retention.madeAt(name).isEmpty()) return Optional.empty();
        Path file = runner.folder().resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The zone the daily time is read in: the setup wizard's, else the system's. */
    public ZoneId zone() {
        try {
            String id = setup.current().timeZone();
            return id == null || id.isBlank() ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.systemDefault();
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        plan();
    }

    /** A new time zone moves the daily time with it. */
    @EventListener
    void onSetupChanged(SetupChanged changed) {
        plan();
    }

    private synchronized void plan() {
        if (next != null) next.cancel(false);
        next = null;
        nextAt = null;
        BackupSchedule s = current();
        if (!s.enabled()) return;
        planAfter(Instant.now(), s);
    }

    private synchronized void planAfter(Instant after, BackupSchedule s) {
        Instant at = DailyTime.nextRun(after, ScheduleRules.timeOfDay(s.timeOfDay()), zone());
        nextAt = at;
        next = timer.schedule(
                () -> daily(at), Math.max(0, at.toEpochMilli() - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        log.info("Next scheduled backup at {} ({})", at.atZone(zone()), zone());
    }

    /** On the timer thread: the run, then the next day's (planned from this run's time, so it never runs twice). */
    private void daily(Instant plannedAt) {
        try {
            runner.run();
        } finally {
            try {
                synchronized (this) {
                    BackupSchedule s = current();
                    if (s.enabled() && plannedAt.equals(nextAt)) planAfter(plannedAt, s);
                }
            } catch (RuntimeException e) {
                log.error("Cannot plan the next scheduled backup; saving the schedule plans it again", e);
            }
        }
    }
}
