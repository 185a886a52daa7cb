package org.tandem.pbx.timecondition;

import java.util.List;

/**
 * A time condition as submitted (REST API, web UI), checked by {@link TimeConditions}.
 *
 * @param timeZone e.g. {@code Europe/Berlin}; null = the appliance's time zone (setup)
 * @param weekly   e.g. {@code {"day":"MONDAY","opens":"08:00","closes":"17:00"}}; closes may be {@code 24:00}
 * @param holidays {@code {"from":"2026-12-24","to":"2026-12-26","name":"Christmas"}}; {@code to} may be left out for one day
 */
public record TimeConditionDraft(
        String name,
        String timeZone,
        List<RangeDraft> weekly,
        List<HolidayDraft> holidays,
        String open,
        String closed) {

    public record RangeDraft(String day, String opens, String closes) {}

    public record HolidayDraft(String from, String to, String name) {}
}
