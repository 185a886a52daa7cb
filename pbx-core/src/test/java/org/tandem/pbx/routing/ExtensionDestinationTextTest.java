package org.tandem.pbx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An extension's destination text, written and read in one place ({@link Destination.Extension}). */
class ExtensionDestinationTextTest {

    @Test
    void theTextOfAnExtensionIsWhatParseReadsBack() {
        assertThat(Destination.Extension.textOf("201")).isEqualTo("extension:201");
        assertThat(Destination.parse(Destination.Extension.textOf("201"), "f"))
                .isEqualTo(new Destination.Extension("201"));
        assertThat(new Destination.Extension("201")).hasToString("extension:201");
    }

    @Test
    void theNumberInATextIsTheExtensionsOrNothing() {
        assertThat(Destination.Extension.numberIn("extension:201")).isEqualTo("201");
        assertThat(Destination.Extension.numberIn("ringgroup:600")).isNull();
        assertThat(Destination.Extension.numberIn("voicemail:201")).isNull();
        assertThat(Destination.Extension.numberIn("201")).isNull(); // a bare number is not a destination's text
        assertThat(Destination.Extension.numberIn(null)).isNull();
        assertThat(Destination.Extension.numberIn("extension:")).isEmpty(); // read, not checked: parse refuses it
    }

    @Test
    void aRingStepNamesItsExtensionOnlyWhenItRingsOne() {
        RouteStep.Ring one =
                new RouteStep.Ring(java.util.List.of(), null, RouteStep.GiveUp::new, "extension:202", null, null, null);
        RouteStep.Ring group = new RouteStep.Ring(
                java.util.List.of(), null, RouteStep.GiveUp::new, "ringgroup:600", "600", null, null);
        assertThat(one.extension()).isEqualTo("202");
        assertThat(group.extension()).isNull();
    }
}
