package org.tandem.pbx.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Final responses map to the dispositions call records name. */
class DispositionTest {

    @ParameterizedTest
    @CsvSource({
        "486, false, BUSY",
        "600, false, BUSY",
        "603, false, BUSY",
        "408, false, NO_ANSWER",
        "480, false, NO_ANSWER",
        "487, false, NO_ANSWER",
        "404, false, FAILED",
        "403, false, FAILED",
        "500, false, FAILED",
        "503, false, FAILED",
        "487, true, CANCELLED",
        "486, true, CANCELLED"
    })
    void mapsFinalResponses(int status, boolean cancelled, Disposition expected) {
        assertThat(Disposition.ofFailure(status, cancelled)).isEqualTo(expected);
    }
}
