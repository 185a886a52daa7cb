package org.tandem.webui;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** A date-time pattern applied in the appliance's zone at the moment of formatting ({@link ApplianceTime}). */
public final class ZonedFormat {

    private final DateTimeFormatter pattern;

    private ZonedFormat(DateTimeFormatter pattern) {
        this.pattern = pattern;
    }

    public static ZonedFormat of(String pattern) {
        return new ZonedFormat(DateTimeFormatter.ofPattern(pattern));
    }

    /** {@code time} (an Instant) in the appliance's zone; "" for none. */
    public String format(TemporalAccessor time) {
        return time == null ? "" : pattern.withZone(ApplianceTime.zone()).format(time);
    }

    /** "(Europe/Berlin)": for a column header that names the zone once. */
    public static String zoneLabel() {
        return "(" + ApplianceTime.zone().getId() + ")";
    }
}
