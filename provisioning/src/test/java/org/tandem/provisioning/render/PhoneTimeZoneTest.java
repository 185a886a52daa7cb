package org.tandem.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The appliance's zone in the notations the vendors' DST rules use. */
class PhoneTimeZoneTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> rule(Map<String, Object> c, String which) {
        return (Map<String, Object>)
                ((List<Map<String, Object>>) c.get("dstRule")).get(0).get(which);
    }

    @Test
    void berlinIsUtcPlusOneWithSummerTimeFromTheLastSundayOfMarchAtTwoToTheLastSundayOfOctoberAtThree() {
        PhoneTimeZone berlin = new PhoneTimeZone("Europe/Berlin");
        Map<String, Object> c = berlin.toContext();
        assertThat(c)
                .containsEntry("tzOffsetSeconds", 3600)
                .containsEntry("tzOffsetQuarterHours", 4)
                .containsEntry("tzOffsetHours", "+1")
                .containsEntry("tzGmt", "GMT+01:00")
                .containsEntry("dst", true)
                .containsEntry("dstSaveMinutes", 60)
                .containsEntry("tzUtcName", "UTC+1");
        assertThat(berlin.posix()).isEqualTo("CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00");
        assertThat(c).containsEntry("dstSaveHours", "1");
        assertThat(rule(c, "start"))
                .containsEntry("month", 3)
                .containsEntry("week", 5)
                .containsEntry("last", 1)
                .containsEntry("ciscoDay", -1)
                .containsEntry("dayIso", 7)
                .containsEntry("daySunday1", 1)
                .containsEntry("daySunday0", 0)
                .containsEntry("hour", 2);
        assertThat(rule(c, "end")).containsEntry("month", 10).containsEntry("hour", 3);
    }

    @Test
    void newYorkChangesOnTheSecondSundayOfMarchAndTheFirstOfNovember() {
        PhoneTimeZone ny = new PhoneTimeZone("America/New_York");
        assertThat(ny.posix()).isEqualTo("EST5EDT4,M3.2.0/02:00:00,M11.1.0/02:00:00");
        Map<String, Object> c = ny.toContext();
        assertThat(c).containsEntry("tzOffsetHours", "-5").containsEntry("tzOffsetSeconds", -18000);
        assertThat(rule(c, "start"))
                .containsEntry("week", 2)
                .containsEntry("firstDay", 8)
                .containsEntry("ciscoDay", 8);
        assertThat(rule(c, "end")).containsEntry("week", 1).containsEntry("firstDay", 1);
    }

    @Test
    void zonesWithoutSummerTimeHaveNoRuleAndHalfHoursAreKept() {
        PhoneTimeZone kolkata = new PhoneTimeZone("Asia/Kolkata");
        assertThat(kolkata.dst()).isFalse();
        assertThat(kolkata.toContext())
                .containsEntry("tzOffsetHours", "+5:30")
                .containsEntry("dstRule", List.of())
                .containsEntry("tzGmt", "GMT+05:30");
        assertThat(kolkata.posix()).isEqualTo("IST-5:30");
        assertThat(new PhoneTimeZone("UTC").posix()).isEqualTo("UTC0");
    }

    @Test
    void southernSummerStartsInOctober() {
        PhoneTimeZone sydney = new PhoneTimeZone("Australia/Sydney");
        assertThat(sydney.posix()).isEqualTo("AEST-10AEDT-11,M10.1.0/02:00:00,M4.1.0/03:00:00");
    }
}
