package org.tandem.pbx.timecondition.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.timecondition.TimeCondition;
import org.tandem.pbx.timecondition.TimeConditionDraft;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of time conditions; every message names its field and says what is allowed. */
public final class TimeConditionRules {

    static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-4]):([0-5][0-9])");
    static final int MAX_RANGES = 50;
    static final int MAX_HOLIDAYS = 100;
    static final int MAX_HOLIDAY_DAYS = 366;

    private TimeConditionRules() {}

    public static TimeCondition condition(
            String name, TimeConditionDraft d, String defaultZone, KnownDestinations known) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (name == null || !Destination.LOCAL_ID.matcher(name).matches()) {
            errors.put("name", FieldError.of("time.name"));
        }
        ZoneId zone = null;
        String zoneText = d.timeZone() == null || d.timeZone().isBlank()
                ? defaultZone
                : d.timeZone().strip();
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException | NullPointerException e) {
            errors.put("timeZone", FieldError.of("common.time-zone"));
        }
        List<TimeCondition.WeeklyRange> weekly = new ArrayList<>();
        List<TimeConditionDraft.RangeDraft> ranges = d.weekly() == null ? List.of() : d.weekly();
        if (ranges.size() > MAX_RANGES) errors.put("weekly", FieldError.of("time.max-ranges", MAX_RANGES));
        for (int i = 0; i < ranges.size(); i++) {
            TimeConditionDraft.RangeDraft r = ranges.get(i);
            String field = "weekly[" + i + "]";
            if (r == null) {
                errors.put(field, FieldError.of("common.empty"));
                continue;
            }
            DayOfWeek day = day(errors, field + ".day", r.day());
            int opens = minute(errors, field + ".opens", r.opens());
            int closes = minute(errors, field + ".closes", r.closes());
            if (opens >= 0 && closes >= 0 && opens >= closes) {
                errors.put(field + ".closes", FieldError.of("time.closes-before-opens"));
            }
            if (day != null && opens >= 0 && closes > opens)
                weekly.add(new TimeCondition.WeeklyRange(day, opens, closes));
        }
        List<TimeCondition.Holiday> holidays = new ArrayList<>();
        List<TimeConditionDraft.HolidayDraft> days = d.holidays() == null ? List.of() : d.holidays();
        if (days.size() > MAX_HOLIDAYS) errors.put("holidays", FieldError.of("time.max-holidays", MAX_HOLIDAYS));
        for (int i = 0; i < days.size(); i++) {
            TimeConditionDraft.HolidayDraft h = days.get(i);
            String field = "holidays[" + i + "]";
            LocalDate from = h == null ? null : date(errors, field + ".from", h.from(), true);
            LocalDate to =
                    h == null || h.to() == null || h.to().isBlank() ? from : date(errors, field + ".to", h.to(), false);
            String label = h == null || h.name() == null ? "" : h.name().strip();
            if (label.length() > 64) errors.put(field + ".name", FieldError.of("common.at-most-characters", 64));
            if (from != null && to != null) {
                if (to.isBefore(from)) {
                    errors.put(field + ".to", FieldError.of("time.to-before-from"));
                } else if (ChronoUnit.DAYS.between(from, to) >= MAX_HOLIDAY_DAYS) {
                    errors.put(field + ".to", FieldError.of("time.holiday-days", MAX_HOLIDAY_DAYS));
                } else {
                    holidays.add(new TimeCondition.Holiday(from, to, label));
                }
            }
        }
        Destination self = name == null ? null : new Destination.TimeCondition(name);
        Destination open = destination(errors, "open", d.open(), self, known);
        Destination closed = destination(errors, "closed", d.closed(), self, known);
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new TimeCondition(name, zone, weekly, holidays, open, closed);
    }

    private static Destination destination(
            Map<String, FieldError> errors, String field, String text, Destination self, KnownDestinations known) {
        if (text == null || text.isBlank()) {
            errors.put(field, FieldError.of("open".equals(field) ? "time.open-required" : "time.closed-required"));
            return null;
        }
        Destination d = known.parse(errors, field, text, self);
        if (d != null && d.equals(self)) {
            errors.put(field, FieldError.of("time.itself"));
            return null;
        }
        return d;
    }

    static DayOfWeek day(Map<String, FieldError> errors, String field, String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (!t.isEmpty()
                    && (d.name().equals(t) || (t.length() == 3 && d.name().startsWith(t)))) return d;
        }
        errors.put(field, FieldError.of("time.day"));
        return null;
    }

    /** Minutes of the day of {@code HH:MM} (00:00–24:00), or -1 after noting the error. */
    static int minute(Map<String, FieldError> errors, String field, String text) {
        Matcher m = TIME.matcher(text == null ? "" : text.strip());
        if (m.matches()) {
            int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            if (minute <= 24 * 60) return minute;
        }
        errors.put(field, FieldError.of("time.time"));
        return -1;
    }

    private static LocalDate date(Map<String, FieldError> errors, String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) errors.put(field, FieldError.of("time.date-required"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, FieldError.of("time.date"));
            return null;
        }
    }
}
