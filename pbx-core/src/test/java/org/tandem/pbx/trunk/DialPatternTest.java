package org.tandem.pbx.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tandem.pbx.validation.InvalidInputException;

class DialPatternTest {

    @Test
    void stripsThePrefixBeforeTheBar() {
        DialPattern local = DialPattern.parse("9|NXXXXXX", "p");

        assertThat(local.match("95551234")).contains("5551234");
        assertThat(local.match("91551234")).as("N is 2-9").isEmpty();
        assertThat(local.match("9555123")).as("too short").isEmpty();
        assertThat(local.match("955512345")).as("too long").isEmpty();
    }

    @Test
    void nanpAndInternationalPatterns() {
        assertThat(DialPattern.parse("+1NXXNXXXXXX", "p").match("+12125551234")).contains("+12125551234");
        assertThat(DialPattern.parse("+1NXXNXXXXXX", "p").match("+11125551234")).isEmpty();
        assertThat(DialPattern.parse("00.", "p").match("004930123456")).contains("004930123456");
        assertThat(DialPattern.parse("00.", "p").match("00"))
                .as(". is one or more")
                .isEmpty();
        assertThat(DialPattern.parse("0|0Z.", "p").match("0049301")).contains("049301");
    }

    @Test
    void setsAndZ() {
        DialPattern p = DialPattern.parse("[1-5]Z[79]", "p");

        assertThat(p.match("317")).contains("317");
        assertThat(p.match("309")).isEmpty();
        assertThat(p.match("618")).isEmpty();
    }

    @Test
    void configuredNumbersMatchWithoutThePrefix() {
        DialPattern p = DialPattern.parse("9|NXXXXXX", "p");

        assertThat(p.matchesWithoutPrefix("5551234")).isTrue();
        assertThat(p.matchesWithoutPrefix("95551234")).isFalse();
    }

    @Test
    void badPatternsNameTheField() {
        for (String bad : new String[] {"", "9|", "1|2|3", "12.3", "[a-c]", "9|NXX?X"}) {
            assertThatThrownBy(() -> DialPattern.parse(bad, "patterns"))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsKey("patterns"));
        }
    }
}
