package org.tandem.appliance.api.backup;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.operations.backup.BackupSchedule;
import org.tandem.operations.backup.BackupScheduleDraft;
import org.tandem.operations.backup.BackupSchedules;
import org.tandem.operations.backup.KeptArchive;
import org.tandem.operations.backup.ScheduledBackupOutcome;

/**
 * Scheduled backups (issue 17), ADMIN only like every backup call (ApiSecurityConfiguration): the schedule with its
 * next and last run, "Run now", and the kept archives with their download. Secrets are write-only: the schedule says
 * whether one is set, never what it is.
 */
@RestController
@RequestMapping("/api/v1/backup")
class BackupScheduleController {

    /** How long "Run now" waits for its outcome before it answers 202 and the run goes on. */
    private static final long RUN_WAIT_SECONDS = 600;

    private final BackupSchedules schedules;

    BackupScheduleController(BackupSchedules schedules) {
        this.schedules = schedules;
    }

    /** The schedule, its zone and run times; {@code lastRun} is null before the first run. */
    record ScheduleView(
            BackupSchedule schedule, String zone, Instant nextRun, boolean running, ScheduledBackupOutcome lastRun) {}

    @GetMapping("/schedule")
    ScheduleView schedule() {
        return view(schedules.current());
    }

    @PutMapping(path = "/schedule", consumes = "application/json")
    ScheduleView save(@RequestBody BackupScheduleDraft draft) {
        return view(schedules.save(draft));
    }

    /**
     * Runs the schedule's backup now (the same path as the daily run) and answers its outcome; {@code ok} false says
     * which step failed. A backup still running after ten minutes answers 202; its outcome then shows in
     * {@code GET /schedule}'s {@code lastRun}.
     */
    @PostMapping("/schedule/run")
    ResponseEntity<Object> runNow() throws InterruptedException {
        try {
            return ResponseEntity.ok(schedules.runNow().get(RUN_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            return ResponseEntity.accepted().body(view(schedules.current()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // the run keeps its own failures; this is a bug, logged
        }
    }

    @GetMapping("/archives")
    List<KeptArchive> archives() {
        return schedules.archives();
    }

    @GetMapping("/archives/{name}")
    void download(@PathVariable String name, HttpServletResponse response) throws IOException {
        Path file = schedules
                .archive(name)
                .orElseThrow(() -> new NotFoundException(
                        "No kept archive is named " + name + "; GET /api/v1/backup/archives lists them"));
        response.setContentType(name.endsWith(".enc") ? "application/octet-stream" : "application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        response.setContentLengthLong(Files.size(file));
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    private ScheduleView view(BackupSchedule s) {
        return new ScheduleView(
                s,
                schedules.zone().getId(),
                schedules.nextRun().orElse(null),
                schedules.running(),
                schedules.lastOutcome().orElse(null));
    }
}
