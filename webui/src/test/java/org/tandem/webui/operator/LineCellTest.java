package org.tandem.webui.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.presence.LineStates.Kind;
import org.tandem.pbx.presence.LineStates.Line;
import org.tandem.pbx.presence.LineStates.LineCall;

/** The operator panel's cell: with whom and for how long, the duration as the browser's ticker writes it. */
class LineCellTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aTalkingCallSaysWithWhomAndForHowLong() {
        Line line = new Line(
                "632",
                "Eve",
                Kind.EXTENSION,
                true,
                false,
                List.of(new LineCall("c1", "talking", "Dana <631>", NOW.minusSeconds(42), true)));
        Span cell = LineCell.of(line, NOW);
        assertThat(cell.getElement().getTextRecursively()).isEqualTo("talking with Dana <631> · 0:42");
        assertThat(cell.getElement().getAttribute("data-state")).isEqualTo("talking");
        Span duration = (Span)
                cell.getChildren().filter(Span.class::isInstance).findFirst().orElseThrow();
        assertThat(duration.getElement().getAttribute("data-since"))
                .isEqualTo(Long.toString(NOW.minusSeconds(42).toEpochMilli()));
    }

    @Test
    void aCallWhoseStartWasNotSeenHasNoMadeUpDurationAndRingingHasNone() {
        Line line = new Line(
                "691",
                "Park 691",
                Kind.PARK_ORBIT,
                true,
                false,
                List.of(
                        new LineCall(null, "parked", "Dana <631>", null, true),
                        new LineCall("c2", "ringing", "Abe <642>", NOW.minusSeconds(3), true)));
        assertThat(LineCell.of(line, NOW).getElement().getTextRecursively())
                .isEqualTo("parked: Dana <631>; ringing · Abe <642>");
        assertThat(LineCell.of(new Line("633", "Olga", Kind.EXTENSION, false, false, List.of()), NOW)
                        .getElement()
                        .getTextRecursively())
                .isEqualTo("not registered");
    }

    @Test
    void theClockHasHoursOnlyOnceAnHourHasPassed() {
        assertThat(LineCell.clock(Duration.ofSeconds(5))).isEqualTo("0:05");
        assertThat(LineCell.clock(Duration.ofSeconds(725))).isEqualTo("12:05");
        assertThat(LineCell.clock(Duration.ofSeconds(3729))).isEqualTo("1:02:09");
        assertThat(LineCell.clock(Duration.ofSeconds(-2)))
                .as("a clock a little ahead")
                .isEqualTo("0:00");
    }
}
