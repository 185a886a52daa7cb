package org.tandem.pbx.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps the call recordings within their limits (issue 18), on the recordings' own thread, never on the call
 * path: the retention (recordings older than it deleted hourly with their files), the disk quota (the oldest beyond
 * it deleted after every recording and every minute), the disk's free space looked at again, and the {@code .part}
 * files a crash left removed at start. The recordings' service lists and records; this class deletes.
 */
public final class RecordingHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(RecordingHousekeeping.class);

    private final RecordingRepository repository;
    private final Path root;
    private final RecordingSpace space;
    private volatile Instant lastRetention = Instant.EPOCH;

    public RecordingHousekeeping(RecordingRepository repository, Path root, RecordingSpace space) {
        this.repository = repository;
        this.root = root;
        this.space = space;
    }

    /** Every minute: the retention once an hour, the quota each time. */
    public void run() {
        if (Instant.now().isAfter(lastRetention.plus(Duration.ofHours(1)))) {
            applyRetention();
            lastRetention = Instant.now();
        }
        applyQuota();
    }

    /**
     * Deletes the oldest recordings with their files until all together fit the quota (nothing when it is 0), then
     * looks at the disk's free space again. Returns how many were deleted.
     */
    public int applyQuota() {
        try {
            int megabytes = repository.quotaMegabytes();
            long limit = megabytes * 1024L * 1024L;
            long total = repository.totalBytes();
            int deleted = 0;
            while (megabytes > 0 && total > limit) {
                List<RecordingRepository.Row> oldest = repository.oldest(100);
                if (oldest.isEmpty()) break;
                for (RecordingRepository.Row r : oldest) {
                    if (total <= limit) break;
                    deleteFile(r.file());
                    deleted += repository.delete(r.recording().id());
                    total -= r.recording().bytes();
                }
            }
            if (deleted > 0) {
                space.deletedForQuota(deleted);
                log.info("Deleted the {} oldest call recordings to keep within the quota of {} MB", deleted, megabytes);
            }
            space.refresh(repository.totalBytes());
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Recording quota: {}", e.toString());
            return 0;
        }
    }

    /** Deletes recordings older than the retention (none when it is 0). Returns how many. */
    public int applyRetention() {
        try {
            int days = repository.retentionDays();
            if (days <= 0) return 0;
            Instant cutoff = Instant.now().minus(Duration.ofDays(days));
            int deleted = 0;
            List<RecordingRepository.Row> old;
            while (!(old = repository.olderThan(cutoff, 500)).isEmpty()) {
                for (RecordingRepository.Row r : old) {
                    deleteFile(r.file());
                    deleted += repository.delete(r.recording().id());
                }
            }
            if (deleted > 0) log.info("Deleted {} call recordings older than {} days", deleted, days);
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Recording retention: {}", e.toString());
            return 0;
        }
    }

    /** Deletes a recording's file ({@code file} relative to the recordings' folder, never outside it). */
    public void deleteFile(String file) {
        try {
            Path p = root.resolve(file).normalize();
            if (p.startsWith(root)) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Cannot delete recording file {}: {}", file, e.getMessage());
        }
    }

    /** {@code .part} files of recordings a crash interrupted: never listed, removed at start. */
    public void removeLeftovers() {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(".part")).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                    log.info("Removed {}: a recording interrupted by a stop", p);
                } catch (IOException e) {
                    log.warn("Cannot remove {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("Cannot look for interrupted recordings under {}: {}", root, e.getMessage());
        }
    }
}
