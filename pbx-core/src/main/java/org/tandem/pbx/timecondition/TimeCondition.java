package org.tandem.pbx.timecondition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.tandem.pbx.routing.Destination;

/**
 * A named schedule, reached as {@code time:<name>}: open during its weekly ranges (local time in
 * {@code zone}, so opening hours follow daylight saving time), closed on its holidays and at all other
 * times; a call goes to {@code open} or {@code closed} accordingly.
 */
public record TimeCondition(
        String name,
        ZoneId zone,
        List<WeeklyRange> weekly,
        List<Holiday> holidays,
        Destination open,
        Destination closed) {

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

    /**
     * The first minute after {@code from} at which {@link #isOpen} changes, looking at most {@code horizon} days
     * ahead (weekly ranges and holidays change only on whole minutes); empty when it does not change in that time
     * (always open or always closed).
     */
    public Optional<Instant> nextChange(Instant from, int horizon) {
        boolean now = isOpen(from);
        Instant t = from.truncatedTo(ChronoUnit.MINUTES);
        for (int minute = 1; minute <= horizon * 1440; minute++) {
            Instant next = t.plusSeconds(60L * minute);
            if (isOpen(next) != now) return Optional.of(next);
        }
        return Optional.empty();
    }

    /** Where a call at {@code instant} goes. */
    public Destination destinationAt(Instant instant) {
        return isOpen(instant) ? open : closed;
    }
}
