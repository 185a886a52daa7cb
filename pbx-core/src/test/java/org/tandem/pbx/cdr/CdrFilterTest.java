package org.tandem.pbx.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.validation.InvalidInputException;

/** API parameters become a filter, or an error naming each bad parameter. */
class CdrFilterTest {

    @Test
    void nothingGivenIsEverythingFirstPage() {
        CdrFilter f = CdrFilter.parse(null, "", " ", null, null, null, null);
        assertThat(f).isEqualTo(CdrFilter.all());
        assertThat(f.size()).isEqualTo(CdrFilter.DEFAULT_SIZE);
    }

    @Test
    void parsesEveryParameter() {
        CdrFilter f = CdrFilter.parse(
                "2026-11-22T09:00:00+01:00", "2026-11-23", "201", "busy, no answer,NO_ANSWER", "inbound", "2", "10");
        assertThat(f.from()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(f.to()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(f.extension()).isEqualTo("201");
        assertThat(f.dispositions()).containsExactlyInAnyOrder(Disposition.BUSY, Disposition.NO_ANSWER);
        assertThat(f.direction()).isEqualTo(CallDirection.INBOUND);
        assertThat(f.page()).isEqualTo(2);
        assertThat(f.size()).isEqualTo(10);
        assertThat(CdrFilter.parse("2026-11-22T08:00:00Z", null, null, null, null, null, null)
                        .from())
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(CdrFilter.parse("2026-11-22T08:00", null, null, null, null, null, null)
                        .from())
                .as("no offset: UTC")
                .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
    }

    @Test
    void everyBadParameterIsNamed() {
        InvalidInputException e = catchThrowableOfType(
                () -> CdrFilter.parse("yesterday", "2026-13-01", "2 01", "LOST", "sideways", "-1", "100000"),
                InvalidInputException.class);
        assertThat(e.fieldErrors())
                .containsOnlyKeys("from", "to", "extension", "disposition", "direction", "page", "size");
        assertThat(e.fieldErrors().get("from")).contains("yesterday").contains("ISO-8601");
        assertThat(e.fieldErrors().get("disposition")).contains("LOST").contains("NO_ANSWER");
        assertThat(e.fieldErrors().get("direction")).contains("INTERNAL, INBOUND, OUTBOUND");
        assertThat(e.fieldErrors().get("size")).contains("1 to 1000");
    }

    @Test
    void theRangeMustNotBeEmpty() {
        InvalidInputException e = catchThrowableOfType(
                () -> CdrFilter.parse("2026-11-22", "2026-11-22", null, null, null, null, "x"),
                InvalidInputException.class);
        assertThat(e.fieldErrors()).containsOnlyKeys("to", "size");
    }
}
