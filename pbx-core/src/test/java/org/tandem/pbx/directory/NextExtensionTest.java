package org.tandem.pbx.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The extension suggested for a new user (issue 17). */
class NextExtensionTest {

    @Test
    void afterTheHighestSkippingWhatOtherFeaturesUse() {
        assertThat(NextExtension.after(List.of(), n -> false)).isEqualTo("100");
        assertThat(NextExtension.after(List.of("101", "205", "110"), n -> false))
                .isEqualTo("206");
        // 206 is a ring group, 207 a conference room: the next free one
        assertThat(NextExtension.after(List.of("101", "205"), Set.of("206", "207")::contains))
                .isEqualTo("208");
        // names that are no number do not count; a leading zero keeps the length
        assertThat(NextExtension.after(List.of("alice", "0199"), n -> false)).isEqualTo("0200");
        assertThat(NextExtension.after(List.of("99"), n -> false)).isEqualTo("100");
        assertThat(NextExtension.after(List.of("999999999999"), n -> false))
                .as("no 13-digit extension")
                .isNull();
        assertThat(NextExtension.after(List.of("100"), n -> true))
                .as("everything near is taken")
                .isNull();
    }
}
