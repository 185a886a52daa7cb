package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.tandem.pbx.conference.ConferenceRoomDraft;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.timecondition.TimeConditionDraft;
import org.tandem.pbx.timecondition.TimeConditions;
import org.tandem.pbx.validation.InUseException;

/**
 * The destinations of issue 4 in the dial plan, with real SIPp phones through the proxy. A call to
 * {@code time:office} (here: extensions forwarded to it) rings extension 230 while the office is open and 231
 * while it is closed; the time conditions' clock is moved between the calls. A conference room's number
 * is dialled like an extension and answered by the conference bridge.
 */
@Import(AbstractLocalDestinationsCallIT.ClockBeans.class)
abstract class AbstractLocalDestinationsCallIT extends RoutingCallSupport {

    /** Monday 2026-07-13 in Europe/Berlin (CEST, UTC+2). */
    static final Instant MONDAY_10_00 = Instant.parse("2026-07-13T08:00:00Z");

    static final Instant MONDAY_20_00 = Instant.parse("2026-07-13T18:00:00Z");

    /** The clock of the time conditions only (registrations keep the system clock). */
    static final class SettableClock extends Clock {
        volatile Instant now = MONDAY_10_00;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static class ClockBeans {
        @Bean
        SettableClock timeConditionClock() {
            return new SettableClock();
        }
    }

    @Autowired
    TimeConditions timeConditions;

    @Autowired
    SettableClock clock;

    @Autowired
    ConferenceRooms rooms;

    static final CallSettingsDraft DEFAULTS =
            new CallSettingsDraft(false, null, null, null, null, null, null, null, null);

    @BeforeEach
    void office() {
        for (String ext : List.of("228", "229", "230", "231", "232", "233")) settings(ext, DEFAULTS);
        // no day/night override left over from another test: each condition follows its schedule
        timeConditions.list().forEach(c -> timeConditions.setOverride(c.name(), null, true, "test"));
        timeConditions.delete("office");
        timeConditions.create(new TimeConditionDraft(
                "office",
                "Europe/Berlin",
                List.of(new TimeConditionDraft.RangeDraft("MONDAY", "08:00", "17:00")),
                List.of(),
                "extension:230",
                "extension:231"));
    }

    @Test
    void openRingsTheOpenDestination() {
        clock.now = MONDAY_10_00;
        settings("228", forwardAlways("time:office"));
        Sipp.Run open = phone("proxy/uas-answer", "230").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "228").start();

        ok(caller, open);
        expectEvents(
                "228",
                "started 200->228 INTERNAL",
                "routed extension:230 from 228",
                "answered 230",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void closedRingsTheClosedDestinationOnceTheClockMoves() {
        clock.now = MONDAY_20_00;
        assertThat(timeConditions.openNow("office")).contains(false);
        settings("229", forwardAlways("time:office"));
        Sipp.Run closed = phone("proxy/uas-answer", "231").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "229").start();

        ok(caller, closed);
        expectEvents(
                "229",
                "started 200->229 INTERNAL",
                "routed extension:231 from 229",
                "answered 231",
                "ended ANSWERED 200 CALLER");
    }

    @Test
    void aConferenceRoomNumberIsDialledLikeAnExtension() {
        if (rooms.find("870").isEmpty())
            rooms.create(new ConferenceRoomDraft("870", "Daily", null, null, null, null, null));
        // the conference bridge answers (with its own media: sip:tandem@ in the Contact), the caller hangs up
        Sipp.Run caller = dial("routing/uac-call-any", "200", "870")
                .set("ANSWER_RE", "Contact: .sip:tandem@")
                .start();
        Sipp.Run unknown = dial("routing/uac-rejected-any", "200", "871")
                .set("STATUS", 404)
                .start();

        ok(caller, unknown);
    }

    /**
     * A condition still named (here by a forward) cannot be deleted (issue 17, defect 1): before, it could, and calls
     * then met "404 No time condition gone". The forward keeps working through it.
     */
    @Test
    void aTimeConditionStillNamedIsNotDeleted() {
        if (timeConditions.find("kept").isEmpty()) {
            timeConditions.create(
                    new TimeConditionDraft("kept", "UTC", List.of(), List.of(), "extension:230", "extension:231"));
        }
        settings("232", forwardAlways("time:kept"));

        assertThatThrownBy(() -> timeConditions.delete("kept"))
                .isInstanceOf(InUseException.class)
                .hasMessageContaining("forwarding of 232");
        assertThat(timeConditions.find("kept")).isPresent();
        settings("232", DEFAULTS);
    }

    /**
     * The day/night code (issue 17): dialled during opening hours it switches the office to night service, so a call
     * to {@code time:office} rings the closed destination, until the schedule next changes (17:00 that day); dialled
     * again it switches back to day service, which the schedule already gives, so the override simply ends.
     */
    @Test
    void theDayNightCodeSwitchesToNightServiceUntilTheOpeningHoursNextChange() {
        clock.now = MONDAY_10_00;
        Sipp.Run night = dial("routing/uac-feature-code", "228", "*28")
                .set("REASON", "Night service")
                .start();
        ok(night);
        assertThat(timeConditions.openNow("office")).contains(false);
        assertThat(timeConditions.scheduleOpenNow("office")).contains(true);
        assertThat(timeConditions.override("office")).hasValueSatisfying(o -> {
            assertThat(o.forcedOpen()).isFalse();
            assertThat(o.setBy()).isEqualTo("228");
            assertThat(o.until()).isEqualTo(Instant.parse("2026-07-13T15:00:00Z")); // 17:00 CEST
        });

        settings("233", forwardAlways("time:office"));
        Sipp.Run closed = phone("proxy/uas-answer", "231").start();
        Sipp.Run caller = dial("routing/uac-call-any", "200", "233").start();
        ok(caller, closed);
        expectEvents(
                "233",
                "started 200->233 INTERNAL",
                "routed extension:231 from 233",
                "answered 231",
                "ended ANSWERED 200 CALLER");

        Sipp.Run day = dial("routing/uac-feature-code", "228", "*28")
                .set("REASON", "Day service")
                .start();
        ok(day);
        assertThat(timeConditions.override("office")).isEmpty();
        assertThat(timeConditions.openNow("office")).contains(true);

        // a night override set now ends by itself at 17:00, when the schedule closes anyway; the next morning the
        // schedule opens again and nothing is left over
        timeConditions.setOverride("office", false, true, "test");
        clock.now = Instant.parse("2026-07-13T15:00:00Z");
        assertThat(timeConditions.override("office")).isEmpty();
        clock.now = Instant.parse("2026-07-20T08:00:00Z");
        assertThat(timeConditions.openNow("office")).contains(true);
    }
}
