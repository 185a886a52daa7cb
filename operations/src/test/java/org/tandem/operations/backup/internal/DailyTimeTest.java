package org.tandem.operations.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The daily backup's next run, in Europe/Berlin: clocks go forward on 2026-03-29 at 02:00, back on 2026-10-25 at 03:00. */
class DailyTimeTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalTime HALF_PAST_TWO = LocalTime.of(2, 30);

    @Test
    void anOrdinaryDayRunsTodayBeforeTheTimeAndTomorrowAfterIt() {
        assertThat(next("2026-06-10T01:00:00+02:00", HALF_PAST_TWO)).isEqualTo("2026-06-10T02:30:00+02:00");
        assertThat(next("2026-06-10T02:30:00+02:00", HALF_PAST_TWO))
                .as("strictly after")
                .isEqualTo("2026-06-11T02:30:00+02:00");
        assertThat(next("2026-06-10T23:59:00+02:00", HALF_PAST_TWO)).isEqualTo("2026-06-11T02:30:00+02:00");
    }

    @Test
    void onTheDayTheClocksGoForwardATimeInTheGapRunsAnHourLaterThatDay() {
        // 02:30 does not exist on 2026-03-29: it runs at 03:30 CEST (01:30 UTC), once
        Instant shifted = DailyTime.nextRun(at("2026-03-29T00:00:00+01:00"), HALF_PAST_TWO, BERLIN);
        assertThat(shifted).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(DailyTime.nextRun(shifted, HALF_PAST_TWO, BERLIN)
                        .atZone(BERLIN)
                        .toOffsetDateTime())
                .hasToString("2026-03-30T02:30+02:00");
        // the day before the change is still on winter time: 24 hours minus the hour the clocks skip
        assertThat(next("2026-03-28T02:30:00+01:00", HALF_PAST_TWO)).isEqualTo("2026-03-29T03:30:00+02:00");
    }

    @Test
    void onTheDayTheClocksGoBackATimeThatOccursTwiceRunsOnce() {
        Instant first = DailyTime.nextRun(at("2026-10-25T00:00:00+02:00"), HALF_PAST_TWO, BERLIN);
        assertThat(first).as("the first 02:30 (summer time)").isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        Instant after = DailyTime.nextRun(first, HALF_PAST_TWO, BERLIN);
        assertThat(after)
                .as("not the second 02:30 an hour later, but the next day")
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        // asked between the two 02:30s (say after a restart at 02:45 summer time): tomorrow, not in 45 minutes
        assertThat(DailyTime.nextRun(Instant.parse("2026-10-25T00:45:00Z"), HALF_PAST_TWO, BERLIN))
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void aTimeOutsideTheChangedHoursKeepsItsWallClockTimeAcrossTheChange() {
        LocalTime six = LocalTime.of(6, 0);
        assertThat(next("2026-10-24T06:00:00+02:00", six)).isEqualTo("2026-10-25T06:00:00+01:00");
        assertThat(next("2026-03-28T06:00:00+01:00", six)).isEqualTo("2026-03-29T06:00:00+02:00");
    }

    @Test
    void theZoneDecidesTheInstant() {
        Instant after = Instant.parse("2026-06-10T00:00:00Z");
        assertThat(DailyTime.nextRun(after, HALF_PAST_TWO, ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-06-10T02:30:00Z"));
        assertThat(DailyTime.nextRun(after, HALF_PAST_TWO, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-06-10T06:30:00Z"));
    }

    private static String next(String after, LocalTime time) {
        return DailyTime.nextRun(at(after), time, BERLIN)
                .atZone(BERLIN)
                .toOffsetDateTime()
                .toString()
                .replaceFirst("T(\\d\\d:\\d\\d)\\+", "T$1:00+");
    }

    private static Instant at(String offsetDateTime) {
        return ZonedDateTime.parse(offsetDateTime).toInstant();
    }
}
