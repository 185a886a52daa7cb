package org.tandem.pbx.timecondition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.tandem.pbx.routing.Destination;

/**
 * A named schedule, reached as {@code time:<name>}: open during its weekly ranges (local time in
 * {@code zone}, so opening hours follow daylight saving time), closed on its holidays and at all other
 * times; a call goes to {@code open} or {@code closed} accordingly.
 */
public record TimeCondition(String name, ZoneId zone, List<WeeklyRange> weekly, List<Holiday> holidays,
                            Destination open, Destination closed) {

    /** Open on {@code day} from {@code opens} to {@code closes}, in minutes of the local day (closes ≤ 1440 = 24:00, exclusive). */
    public record WeeklyRange(DayOfWeek day, int opens, int closes) {
        public boolean contains(DayOfWeek d, int minute) {
            return d == day && minute >= opens && minute < closes;
        }

        public static String text(int minute) {
            return String.format("%02d:%02d", minute / 60, minute % 60);
        }
    }

    /** Closed all day from {@code first} to {@code last} (inclusive; the same date for one day). */
    public record Holiday(LocalDate first, LocalDate last, String name) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(first) && !date.isAfter(last);
        }
    }

    public TimeCondition {
        weekly = List.copyOf(weekly);
        holidays = List.copyOf(holidays);
    }

    /** Whether the schedule is open at {@code instant}: a weekly range holds and no holiday does. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.stream().anyMatch(h -> h.contains(local.toLocalDate()))) return false;
        int minute = local.getHour() * 60 + local.getMinute();
        return weekly.stream().anyMatch(r -> r.contains(local.getDayOfWeek(), minute));
    }

    /** Where a call at {@code instant} goes. */
    public Destination destinationAt(Instant instant) {
        return isOpen(instant) ? open : closed;
    }
}
