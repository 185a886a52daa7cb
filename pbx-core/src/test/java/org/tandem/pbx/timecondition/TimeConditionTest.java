package org.tandem.pbx.timecondition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.routing.Destination;

/** Opening hours in local time, across the daylight saving changes of Europe/Berlin, and holidays. */
class TimeConditionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Destination OPEN = new Destination.Extension("201");
    static final Destination CLOSED = new Destination.Voicemail("201");

    static TimeCondition office(List<TimeCondition.WeeklyRange> weekly, List<TimeCondition.Holiday> holidays) {
        return new TimeCondition("office", BERLIN, weekly, holidays, OPEN, CLOSED);
    }

    static TimeCondition.WeeklyRange range(DayOfWeek day, int fromHour, int toHour) {
        return new TimeCondition.WeeklyRange(day, fromHour * 60, toHour * 60);
    }

    static boolean open(TimeCondition c, String instant) {
        return c.isOpen(Instant.parse(instant));
    }

    @Test
    void weekdayHoursAreLocalTimeInWinterAndSummer() {
        TimeCondition c = office(List.of(range(DayOfWeek.MONDAY, 8, 17)), List.of());
        // winter (CET, UTC+1): 08:00 local = 07:00Z
        assertThat(open(c, "2026-01-12T06:59:00Z")).isFalse();
        assertThat(open(c, "2026-01-12T07:00:00Z")).isTrue();
        assertThat(open(c, "2026-01-12T15:59:59Z")).isTrue();
        assertThat(open(c, "2026-01-12T16:00:00Z")).isFalse();
        // summer (CEST, UTC+2): 08:00 local = 06:00Z
        assertThat(open(c, "2026-07-13T05:59:00Z")).isFalse();
        assertThat(open(c, "2026-07-13T06:00:00Z")).isTrue();
        assertThat(open(c, "2026-07-13T14:59:00Z")).isTrue();
        assertThat(open(c, "2026-07-13T15:00:00Z")).isFalse();
        // Tuesday: no range
        assertThat(open(c, "2026-07-14T08:00:00Z")).isFalse();
    }

    @Test
    void springForwardLastSundayOfMarch() {
        // 2026-03-29: at 01:00Z local 02:00 CET becomes 03:00 CEST; the hour 02:00–03:00 does not exist
        TimeCondition night = office(List.of(range(DayOfWeek.SUNDAY, 2, 3)), List.of());
        for (int minute = 0; minute < 24 * 60; minute += 15) {
            Instant t = Instant.parse("2026-03-28T22:00:00Z").plusSeconds(minute * 60L);
            assertThat(night.isOpen(t))
                    .as("nothing is local 02:xx on that day: %s", t)
                    .isFalse();
        }
        TimeCondition early = office(List.of(range(DayOfWeek.SUNDAY, 1, 4)), List.of());
        assertThat(open(early, "2026-03-29T00:00:00Z")).as("01:00 CET").isTrue();
        assertThat(open(early, "2026-03-29T00:59:59Z")).as("01:59:59 CET").isTrue();
        assertThat(open(early, "2026-03-29T01:00:00Z")).as("03:00 CEST").isTrue();
        assertThat(open(early, "2026-03-29T01:59:59Z")).as("03:59:59 CEST").isTrue();
        assertThat(open(early, "2026-03-29T02:00:00Z")).as("04:00 CEST").isFalse();
        // the Monday after: 08:00 CEST is 06:00Z already
        TimeCondition weekday = office(List.of(range(DayOfWeek.MONDAY, 8, 17)), List.of());
        assertThat(open(weekday, "2026-03-30T05:59:00Z")).isFalse();
        assertThat(open(weekday, "2026-03-30T06:00:00Z")).isTrue();
        assertThat(open(weekday, "2026-03-23T06:00:00Z"))
                .as("the Monday before: 07:00 CET")
                .isFalse();
    }

    @Test
    void fallBackLastSundayOfOctober() {
        // 2026-10-25: at 01:00Z local 03:00 CEST becomes 02:00 CET; 02:00–03:00 local happens twice
        TimeCondition night = office(List.of(range(DayOfWeek.SUNDAY, 2, 3)), List.of());
        assertThat(open(night, "2026-10-24T23:59:59Z")).as("01:59:59 CEST").isFalse();
        assertThat(open(night, "2026-10-25T00:00:00Z"))
                .as("02:00 CEST, first time")
                .isTrue();
        assertThat(open(night, "2026-10-25T00:59:59Z")).as("02:59:59 CEST").isTrue();
        assertThat(open(night, "2026-10-25T01:00:00Z"))
                .as("02:00 CET, second time")
                .isTrue();
        assertThat(open(night, "2026-10-25T01:59:59Z")).as("02:59:59 CET").isTrue();
        assertThat(open(night, "2026-10-25T02:00:00Z")).as("03:00 CET").isFalse();
        // the Monday after: 08:00 CET is 07:00Z again
        TimeCondition weekday = office(List.of(range(DayOfWeek.MONDAY, 8, 17)), List.of());
        assertThat(open(weekday, "2026-10-26T06:30:00Z")).isFalse();
        assertThat(open(weekday, "2026-10-26T07:00:00Z")).isTrue();
    }

    @Test
    void aRangeUntilMidnightIncludesTheLastMinute() {
        TimeCondition c = office(List.of(range(DayOfWeek.FRIDAY, 18, 24)), List.of());
        assertThat(open(c, "2026-07-17T21:59:59Z")).as("23:59:59 CEST Friday").isTrue();
        assertThat(open(c, "2026-07-17T22:00:00Z")).as("00:00 CEST Saturday").isFalse();
    }

    @Test
    void holidaysCloseWholeLocalDays() {
        TimeCondition c = office(
                List.of(
                        range(DayOfWeek.THURSDAY, 0, 24),
                        range(DayOfWeek.FRIDAY, 0, 24),
                        range(DayOfWeek.MONDAY, 8, 17)),
                List.of(
                        new TimeCondition.Holiday(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), "Christmas"),
                        new TimeCondition.Holiday(
                                LocalDate.of(2026, 5, 25), LocalDate.of(2026, 5, 25), "Whit Monday")));
        assertThat(open(c, "2026-12-23T22:59:59Z")).as("Wednesday 23:59:59 CET").isFalse();
        assertThat(open(c, "2026-12-23T23:00:00Z"))
                .as("Thursday 24th 00:00 CET, a holiday")
                .isFalse();
        assertThat(open(c, "2026-12-25T22:59:59Z"))
                .as("Friday 25th 23:59:59 CET, a holiday")
                .isFalse();
        assertThat(open(c, "2026-12-17T12:00:00Z")).as("an ordinary Thursday").isTrue();
        assertThat(open(c, "2026-05-25T08:00:00Z")).as("Whit Monday 10:00 CEST").isFalse();
        assertThat(open(c, "2026-06-01T08:00:00Z")).as("the Monday after").isTrue();
    }

    @Test
    void theDestinationFollowsTheSchedule() {
        TimeCondition c = office(List.of(range(DayOfWeek.MONDAY, 8, 17)), List.of());
        assertThat(c.destinationAt(Instant.parse("2026-07-13T08:00:00Z"))).isEqualTo(OPEN);
        assertThat(c.destinationAt(Instant.parse("2026-07-13T20:00:00Z"))).isEqualTo(CLOSED);
    }

    /** The day/night override ends when the schedule next changes (issue 17): that instant, found minute by minute. */
    @Test
    void theNextChangeIsTheNextOpeningOrClosingInLocalTimeAcrossDst() {
        TimeCondition c = office(List.of(range(DayOfWeek.FRIDAY, 8, 17), range(DayOfWeek.MONDAY, 8, 17)), List.of());
        // Friday 10:00 CET (open): it closes at 17:00 CET = 16:00Z
        assertThat(c.nextChange(Instant.parse("2026-01-16T09:00:00Z"), 8))
                .contains(Instant.parse("2026-01-16T16:00:00Z"));
        // Friday 18:00 CET (closed): it opens on Monday 08:00 CET = 07:00Z
        assertThat(c.nextChange(Instant.parse("2026-01-16T17:00:30Z"), 8))
                .contains(Instant.parse("2026-01-19T07:00:00Z"));
        // closed over the spring-forward weekend: Friday 2026-03-27 evening CET -> Monday 08:00 CEST = 06:00Z
        assertThat(c.nextChange(Instant.parse("2026-03-27T18:00:00Z"), 8))
                .contains(Instant.parse("2026-03-30T06:00:00Z"));
        // a holiday on the Monday moves the opening to Friday
        TimeCondition holiday = office(
                c.weekly(),
                List.of(new TimeCondition.Holiday(
                        LocalDate.parse("2026-01-19"), LocalDate.parse("2026-01-19"), "closed")));
        assertThat(holiday.nextChange(Instant.parse("2026-01-16T17:00:00Z"), 8))
                .contains(Instant.parse("2026-01-23T07:00:00Z"));
        // never open: no change within the horizon
        assertThat(office(List.of(), List.of()).nextChange(Instant.parse("2026-01-16T17:00:00Z"), 8))
                .isEmpty();
    }
}
