package org.tandem.provisioning.render;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The appliance's time zone as phones are told it: the standard offset and, for a zone with daylight saving
 * time, when it starts and ends as "the n-th (or last) weekday of a month at a wall-clock hour", the form
 * every vendor's DST rule takes. Templates pick their vendor's notation from {@link #toContext()}; a zone whose
 * rules are not of that form (or that has none) gets {@code dst = false}.
 */
public final class PhoneTimeZone {

    private static final Instant WINTER = Instant.parse("2026-01-15T00:00:00Z");

    private final ZoneId zone;
    private final int standardSeconds;
    private final Change start;
    private final Change end;
    private final int saveSeconds;

    /** One DST transition: month 1-12, week 1-4 or 5 = last, ISO day of week (1 Monday), wall-clock time before. */
    record Change(int month, int week, DayOfWeek dayOfWeek, int hour, int minute) {
        boolean last() {
            return week == 5;
        }

        Map<String, Object> toContext() {
            Map<String, Object> c = new HashMap<>();
            c.put("month", month);
            c.put("week", week);
            c.put("last", last() ? 1 : 0);
            c.put("notLast", !last());
            // the first day of the week that holds the n-th weekday (Polycom date, Cisco day); -1 = last (Cisco)
            c.put("firstDay", last() ? 22 : (week - 1) * 7 + 1);
            c.put("ciscoDay", last() ? -1 : (week - 1) * 7 + 1);
            c.put("dayIso", dayOfWeek.getValue());
            c.put("daySunday1", dayOfWeek.getValue() % 7 + 1);
            c.put("daySunday0", dayOfWeek.getValue() % 7);
            c.put("hour", hour);
            c.put("minute", minute);
            c.put(
                    "posix",
                    "M" + month + "." + week + "." + dayOfWeek.getValue() % 7
                            + String.format("/%02d:%02d:00", hour, minute));
            return c;
        }
    }

    public PhoneTimeZone(String zoneId) {
        this.zone = ZoneId.of(zoneId);
        ZoneRules rules = zone.getRules();
        this.standardSeconds = rules.getStandardOffset(WINTER).getTotalSeconds();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        Change s = null;
        Change e = null;
        int save = 0;
        if (yearly.size() == 2) {
            for (ZoneOffsetTransitionRule r : yearly) {
                Change c = change(r);
                if (c == null) continue;
                if (r.getOffsetAfter().getTotalSeconds() > r.getOffsetBefore().getTotalSeconds()) {
                    s = c;
                    save = r.getOffsetAfter().getTotalSeconds()
                            - r.getOffsetBefore().getTotalSeconds();
                } else {
                    e = c;
                }
            }
        }
        boolean both = s != null && e != null;
        this.start = both ? s : null;
        this.end = both ? e : null;
        this.saveSeconds = both ? save : 0;
    }

    /** A yearly rule as "week n (5 = last) weekday of month", or null when it is not one. */
    private static Change change(ZoneOffsetTransitionRule r) {
        if (r.getDayOfWeek() == null) return null;
        int indicator = r.getDayOfMonthIndicator();
        int week;
        if (indicator < 0 || indicator + 6 >= r.getMonth().minLength()) {
            week = 5;
        } else if ((indicator - 1) % 7 == 0) {
            week = (indicator - 1) / 7 + 1;
        } else {
            return null;
        }
        ZoneOffsetTransition t = r.createTransition(2026);
        LocalDateTime before = t.getDateTimeBefore();
        return new Change(r.getMonth().getValue(), week, r.getDayOfWeek(), before.getHour(), before.getMinute());
    }

    public boolean dst() {
        return start != null;
    }

    public Map<String, Object> toContext() {
        Map<String, Object> c = new HashMap<>();
        int s = standardSeconds;
        int abs = Math.abs(s);
        String sign = s >= 0 ? "+" : "-";
        c.put("timeZone", zone.getId());
        c.put("tzOffsetSeconds", s);
        c.put("tzOffsetMinutes", s / 60);
        c.put("tzOffsetQuarterHours", s / 900);
        c.put("tzOffsetHours", sign + hours(abs));
        c.put("tzUtcName", s == 0 ? "UTC" : "UTC" + sign + hours(abs));
        c.put("tzGmt", String.format("GMT%s%02d:%02d", sign, abs / 3600, abs % 3600 / 60));
        c.put("tzPosix", posix());
        c.put("dst", dst());
        c.put("noDst", !dst());
        c.put("dstSaveMinutes", saveSeconds / 60);
        c.put("dstSaveHours", hours(saveSeconds));
        // a list of at most one, so {{#dstRule}} is skipped without DST
        if (dst()) {
            Map<String, Object> rule = new HashMap<>();
            rule.put("start", start.toContext());
            rule.put("end", end.toContext());
            c.put("dstRule", List.of(rule));
        } else {
            c.put("dstRule", List.of());
        }
        return c;
    }

    /** POSIX TZ (IEEE 1003.1 §8.3), as Grandstream's P64 list writes it: west of Greenwich is positive. */
    String posix() {
        String std = abbreviation(false, "STD");
        String text = std + posixOffset(-standardSeconds);
        if (!dst()) return text;
        return text + abbreviation(true, "DST") + posixOffset(-(standardSeconds + saveSeconds)) + ","
                + start.toContext().get("posix") + "," + end.toContext().get("posix");
    }

    /** The zone's short English name (CET, CEST, EST) when it is a plain word, else the fallback. */
    private String abbreviation(boolean daylight, String fallback) {
        ZoneRules rules = zone.getRules();
        Instant at = rules.isDaylightSavings(WINTER) == daylight
                ? WINTER
                : rules.nextTransition(WINTER).getInstant().plusSeconds(86400);
        String name = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(at.atZone(zone));
        return name.matches("[A-Z]{3,5}") ? name : fallback;
    }

    private static String posixOffset(int seconds) {
        return (seconds < 0 ? "-" : "") + hours(Math.abs(seconds));
    }

    private static String hours(int seconds) {
        int h = seconds / 3600;
        int m = seconds % 3600 / 60;
        return m == 0 ? Integer.toString(h) : h + ":" + String.format("%02d", m);
    }
}
