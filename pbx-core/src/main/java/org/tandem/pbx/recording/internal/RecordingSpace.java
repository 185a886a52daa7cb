package org.tandem.pbx.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk side of call recordings (issue 18): how many bytes the listed recordings take, and whether the disk they
 * are written to still has the configured free space for another one. Both are refreshed off the call path (the
 * recordings' housekeeping thread); the call path only reads a flag, so a full disk never makes a call wait.
 */
public final class RecordingSpace {

    private static final Logger log = LoggerFactory.getLogger(RecordingSpace.class);

    private final LongSupplier usableBytes;
    private final long minFreeBytes;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong deletedForQuota = new AtomicLong();
    private volatile boolean diskLow;
    private volatile long totalBytes;

    public RecordingSpace(Path root, long minFreeBytes) {
        this(() -> usable(root), minFreeBytes);
    }

    RecordingSpace(LongSupplier usableBytes, long minFreeBytes) {
        this.usableBytes = usableBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /** Takes the recordings' current total and looks at the disk's free space again. */
    public void refresh(long totalBytes) {
        this.totalBytes = totalBytes;
        long usable = usableBytes.getAsLong();
        boolean low = usable < minFreeBytes;
        if (low != diskLow) {
            if (low) {
                log.warn(
                        "Calls are no longer recorded: {} MB free on the recordings' disk, less than the {} MB kept free"
                                + " (tandem.recording.min-free-disk)",
                        usable >> 20,
                        minFreeBytes >> 20);
            } else {
                log.info("Calls are recorded again: {} MB free on the recordings' disk", usable >> 20);
            }
        }
        diskLow = low;
    }

    /** False (and counted) while the disk has less than the configured free space: the call goes on unrecorded. */
    public boolean roomForAnother() {
        if (!diskLow) return true;
        skipped.incrementAndGet();
        return false;
    }

    public void deletedForQuota(int recordings) {
        deletedForQuota.addAndGet(recordings);
    }

    public long totalBytes() {
        return totalBytes;
    }

    public boolean diskLow() {
        return diskLow;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Recordings not made because the disk was low. */
    public long skipped() {
        return skipped.get();
    }

    /** Recordings deleted to keep within the quota. */
    public long deletedForQuota() {
        return deletedForQuota.get();
    }

    /** Usable bytes of the file system {@code root} is (or will be) on; when unknown, no limit. */
    static long usable(Path root) {
        Path p = root.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return Long.MAX_VALUE;
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            log.warn("Cannot tell the free space under {}: {}", p, e.getMessage());
            return Long.MAX_VALUE;
        }
    }
}
