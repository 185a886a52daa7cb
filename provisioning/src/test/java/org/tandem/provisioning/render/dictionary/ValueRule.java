package org.tandem.provisioning.render.dictionary;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What values a parameter takes. Documented domains: {@code any}, {@code int:a..b} (or {@code int:a..}),
 * {@code enum:a|b}, {@code regex:...}, {@code url}, {@code hostpath} (host[:port][/path], no scheme),
 * {@code absent} (no such parameter in this family). Rules that must also agree with what the phone is
 * being told elsewhere, checked against the rendering's {@link Facts}: {@code scheme:http=1,https=2} (the
 * code of the scheme the provisioning URL uses), {@code offset:<unit>} (the appliance time zone's standard
 * offset in seconds, minutes, quarterhours, hours as {@code +1}/{@code -5:30}, or gmt as {@code GMT+01:00}), {@code posixtz} (a POSIX
 * TZ string with that offset, and a DST part when the zone has DST).
 */
public interface ValueRule {

    /** What the rendering told the phone: its provisioning URL's scheme and the appliance's time zone. */
    record Facts(String provisioningScheme, ZoneId zone) {
        int standardOffsetSeconds() {
            return zone.getRules()
                    .getStandardOffset(Instant.parse("2026-01-15T00:00:00Z"))
                    .getTotalSeconds();
        }

        boolean hasDst() {
            return zone.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z")) != null;
        }
    }

    /** Empty when the value is valid, else why not. */
    Optional<String> check(String value, Facts facts);

    static ValueRule parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? "" : spec.substring(colon + 1);
        return switch (kind) {
            case "any" -> (v, f) -> Optional.empty();
            case "absent" -> (v, f) -> Optional.of("not a parameter of this family");
            case "int" -> intRange(arg);
            case "enum" -> {
                List<String> allowed = Arrays.asList(arg.split("\\|", -1));
                yield (v, f) -> allowed.contains(v) ? Optional.empty() : Optional.of("not one of " + allowed);
            }
            case "regex" -> matches(Pattern.compile(arg), "does not match " + arg);
            case "url" -> matches(Pattern.compile("(https?|tftp|ftp)://[^\\s/]+(/\\S*)?"), "not an absolute URL");
            case "hostpath" ->
                matches(Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+(/\\S*)?"), "not host[:port][/path] without a scheme");
            case "scheme" -> scheme(arg);
            case "offset" -> offset(arg);
            case "posixtz" -> ValueRule::posixTz;
            default -> throw new IllegalArgumentException("unknown value rule " + spec);
        };
    }

    private static ValueRule matches(Pattern p, String why) {
        return (v, f) -> p.matcher(v).matches() ? Optional.empty() : Optional.of(why);
    }

    private static ValueRule intRange(String arg) {
        String[] r = arg.split("\\.\\.", -1);
        long min = Long.parseLong(r[0]);
        long max = r.length < 2 || r[1].isEmpty() ? Long.MAX_VALUE : Long.parseLong(r[1]);
        return (v, f) -> {
            try {
                long n = Long.parseLong(v.strip());
                return n >= min && n <= max ? Optional.empty() : Optional.of("outside " + arg);
            } catch (NumberFormatException e) {
                return Optional.of("not an integer (" + arg + ")");
            }
        };
    }

    private static ValueRule scheme(String arg) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String pair : arg.split(",")) codes.put(pair.split("=")[0], pair.split("=")[1]);
        return (v, f) -> {
            String want = codes.get(f.provisioningScheme());
            if (want == null) return Optional.of("no code for scheme " + f.provisioningScheme() + " in " + codes);
            return want.equals(v)
                    ? Optional.empty()
                    : Optional.of("the provisioning URL is " + f.provisioningScheme() + ", whose code is " + want + " ("
                            + codes + ")");
        };
    }

    private static ValueRule offset(String unit) {
        return (v, f) -> {
            int s = f.standardOffsetSeconds();
            String want = switch (unit) {
                case "seconds" -> Integer.toString(s);
                case "minutes" -> Integer.toString(s / 60);
                case "quarterhours" -> Integer.toString(s / 900);
                case "gmt" ->
                    String.format("GMT%s%02d:%02d", s >= 0 ? "+" : "-", Math.abs(s) / 3600, Math.abs(s) % 3600 / 60);
                case "hours" ->
                    (s >= 0 ? "+" : "-")
                            + Math.abs(s) / 3600
                            + (Math.abs(s) % 3600 == 0 ? "" : String.format(":%02d", Math.abs(s) % 3600 / 60));
                default -> throw new IllegalArgumentException("offset unit " + unit);
            };
            return want.equals(v)
                    ? Optional.empty()
                    : Optional.of("the appliance's zone " + f.zone() + " is " + want + " (" + unit + ")");
        };
    }

    Pattern POSIX = Pattern.compile(
            "([A-Za-z]{3,}|<[^>]+>)([+-]?\\d{1,2}(?::\\d{2})?)"
                    + "(?:([A-Za-z]{3,}|<[^>]+>)([+-]?\\d{1,2}(?::\\d{2})?)?"
                    + ",M\\d{1,2}\\.[1-5]\\.[0-6](?:/\\d{1,2}(?::\\d{2}){0,2})?,M\\d{1,2}\\.[1-5]\\.[0-6](?:/\\d{1,2}(?::\\d{2}){0,2})?)?");

    private static Optional<String> posixTz(String v, Facts f) {
        Matcher m = POSIX.matcher(v);
        if (!m.matches()) return Optional.of("not a POSIX TZ string (std offset [dst [offset],start,end])");
        String[] hm = m.group(2).replace("+", "").split(":");
        int hours = Integer.parseInt(hm[0]);
        int minutes = hm.length > 1 ? Integer.parseInt(hm[1]) : 0;
        // POSIX counts west of Greenwich as positive: UTC+1 is written -1
        int seconds = -(hours * 3600 + (hours < 0 || m.group(2).startsWith("-") ? -minutes : minutes) * 60);
        if (seconds != f.standardOffsetSeconds()) {
            return Optional.of("standard offset " + m.group(2) + " is not that of " + f.zone());
        }
        if (f.hasDst() != (m.group(3) != null)) {
            return Optional.of(f.zone() + (f.hasDst() ? " has" : " has no") + " daylight saving time");
        }
        return Optional.empty();
    }
}
