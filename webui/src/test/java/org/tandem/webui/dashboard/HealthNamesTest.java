package org.tandem.webui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthNamesTest {

    @Test
    void theIndicatorsHaveNamesInWordsAndAnUnknownOneIsSplitIntoWords() {
        assertThat(HealthNames.of("sipStack")).isEqualTo("SIP service");
        assertThat(HealthNames.of("cdrWriter")).isEqualTo("Call records");
        assertThat(HealthNames.of("workers")).isEqualTo("Background work");
        assertThat(HealthNames.of("db")).isEqualTo("Database");
        assertThat(HealthNames.of("mediaRelayPorts")).isEqualTo("Media relay ports");
    }
}
