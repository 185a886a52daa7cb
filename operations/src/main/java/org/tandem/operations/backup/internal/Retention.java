package org.tandem.operations.backup.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which files of the backups folder the schedule deletes: only what it made — archives named as
 * {@code Backups.archiveName} names them — once they are older than the days to keep, judged by the UTC time in the
 * name (a copied or touched file keeps its age), and the temp files a crash left mid-write. Anything else an admin
 * puts in the folder is never touched.
 */
public final class Retention {

    // tandem-backup-<host>-<yyyyMMdd-HHmmss>.zip[.enc]; the host is [A-Za-z0-9._-]
    private static final Pattern ARCHIVE =
            Pattern.compile("tandem-backup-[A-Za-z0-9._-]+-(\\d{8}-\\d{6})\\.zip(\\.enc)?");
    // what DurableFiles leaves when the process dies while it writes one: <archive>.<random hex>.tmp
    private static final Pattern LEFTOVER =
            Pattern.compile("(tandem-backup-[A-Za-z0-9._-]+\\.zip(\\.enc)?)\\.[0-9a-f]+\\.tmp");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Retention() {}

    /** When a scheduled archive was made, from its name; empty when the name is not one of the schedule's. */
    public static Optional<Instant> madeAt(String fileName) {
        Matcher m = ARCHIVE.matcher(fileName);
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // 20261399-…: not a name we wrote
        }
    }

    /**
     * The files to delete: archives made more than {@code keepDays} days before {@code now}, and crash leftovers.
     * Call it only when no archive is being written (the schedule's single thread guarantees that).
     */
    public static List<Path> expired(Collection<Path> files, Instant now, int keepDays) {
        Instant oldestKept = now.minus(Duration.ofDays(keepDays));
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (LEFTOVER.matcher(name).matches()
                    || madeAt(name).filter(t -> t.isBefore(oldestKept)).isPresent()) {
                out.add(f);
            }
        }
        return out;
    }
}
