package org.tandem.pbx.cdr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Which call records to read: calls that started in [{@code from}, {@code to}), that {@code extension}
 * made, was offered or answered (or, for a ring group's number, that rang the group), with one of {@code dispositions} (empty: any, in progress included),
 * in {@code direction} (null: any); page {@code page} (from 0) of {@code size}.
 */
public record CdrFilter(
        Instant from,
        Instant to,
        String extension,
        Set<Disposition> dispositions,
        CallDirection direction,
        int page,
        int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9_.+*#-]{1,32}");

    public CdrFilter {
        dispositions = dispositions == null || dispositions.isEmpty() ? Set.of() : Set.copyOf(dispositions);
    }

    /** Everything, first page. */
    public static CdrFilter all() {
        return new CdrFilter(null, null, null, Set.of(), null, 0, DEFAULT_SIZE);
    }

    /**
     * The filter from API parameters as given (each may be null or blank: not filtered).
     *
     * @throws InvalidInputException naming every bad parameter and what it needs
     */
    public static CdrFilter parse(
            String from, String to, String extension, String disposition, String direction, String page, String size) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Instant f = isoInstant("from", from, errors);
        Instant t = isoInstant("to", to, errors);
        if (f != null && t != null && !f.isBefore(t)) errors.put("to", FieldError.of("cdr.to-before-from"));
        String ext = blank(extension) ? null : extension.strip();
        if (ext != null && !EXTENSION.matcher(ext).matches()) {
            errors.put("extension", FieldError.of("cdr.extension"));
        }
        Set<Disposition> dispositions = EnumSet.noneOf(Disposition.class);
        if (!blank(disposition)) {
            for (String d : disposition.split(",")) {
                Disposition parsed = disposition(d);
                if (parsed == null) {
                    errors.put("disposition", FieldError.of("cdr.disposition", d.strip()));
                    break;
                }
                dispositions.add(parsed);
            }
        }
        CallDirection dir = null;
        if (!blank(direction)) {
            try {
                dir = CallDirection.valueOf(direction.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("direction", FieldError.of("cdr.direction", direction.strip()));
            }
        }
        int p = number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE, errors);
        int s = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new CdrFilter(f, t, ext, dispositions, dir, p, s);
    }

    public CdrFilter withExtension(String ext) {
        return new CdrFilter(from, to, ext, dispositions, direction, page, size);
    }

    public CdrFilter withDispositions(Set<Disposition> set) {
        return new CdrFilter(from, to, extension, set, direction, page, size);
    }

    public CdrFilter withPage(int p, int s) {
        return new CdrFilter(from, to, extension, dispositions, direction, p, s);
    }

    /** ANSWERED, NO_ANSWER (also "NO ANSWER", "no-answer"), ... in any case; null when it is none. */
    static Disposition disposition(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            return Disposition.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * ISO-8601: an instant ({@code 2026-11-22T08:00:00Z}), with an offset, or a date (midnight UTC); null for none,
     * and a sentence under {@code name} in {@code errors} when it is none of those. Every filter by time uses it.
     */
    public static Instant isoInstant(String name, String text, Map<String, FieldError> errors) {
        if (blank(text)) return null;
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    errors.put(name, FieldError.of("cdr.time", t));
                    return null;
                }
            }
        }
    }

    private static int number(String name, String text, int dflt, int min, int max, Map<String, FieldError> errors) {
        if (blank(text)) return dflt;
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, FieldError.of("common.whole-number", min, max));
        return dflt;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
