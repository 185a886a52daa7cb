package org.tandem.operations.backup.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a daily job at a wall-clock time runs next, in a zone with daylight saving time. On the day the clocks go
 * forward a time in the gap (02:30 in Europe/Berlin) runs as much later as the gap is long (03:30), so it still runs
 * that day; on the day they go back a time that occurs twice runs at its first occurrence only. Both follow
 * {@link ZonedDateTime#of}'s rules, and "strictly after the last run" keeps the second occurrence from running again.
 */
public final class DailyTime {

    private DailyTime() {}

    /** The first run at {@code time} (in {@code zone}) strictly after {@code after}. */
    public static Instant nextRun(Instant after, LocalTime time, ZoneId zone) {
        ZonedDateTime local = after.atZone(zone);
        for (int day = 0; ; day++) {
            Instant candidate = ZonedDateTime.of(local.toLocalDate().plusDays(day), time, zone)
                    .toInstant();
            if (candidate.isAfter(after)) return candidate; // at most two days on: a day has at most 25 hours
        }
    }
}
