package org.tandem.webui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.quality.QualityReport;

class CallMediaTextTest {

    private static QualityReport report(String reporter, Double loss, Integer jitter, Double mos) {
        return new QualityReport("c@h", reporter, Instant.now(), "INTERVAL", "PCMU", loss, null, jitter, 40, mos, null);
    }

    @Test
    void aRelayedCallShowsWhatTheRelayReceivedFromEachSide() {
        CallMedia media = new CallMedia(
                "c@h",
                Instant.now(),
                true,
                new CallMedia.Stream(1500, 3, 4.4, 258_000L),
                new CallMedia.Stream(1490, 0, 1.6));
        assertThat(CallMediaText.of(Optional.of(media), List.of(report("150", 9.0, 9, 1.0))))
                .isEqualTo(
                        "relayed · caller 1500 pkts (258 kB), 3 lost, 4 ms jitter · callee 1490 pkts, 0 lost, 2 ms jitter");
    }

    @Test
    void aDirectCallShowsItsNewestQualityReportOrJustDirect() {
        assertThat(CallMediaText.of(Optional.empty(), List.of())).isEqualTo("direct");
        assertThat(CallMediaText.of(Optional.empty(), List.of(report("151", 9.0, 30, 2.1), report("150", 1.5, 3, 4.1))))
                .isEqualTo("direct · 150 reports 1.5 % lost, 3 ms jitter, MOS 4.1");
        assertThat(CallMediaText.of(Optional.empty(), List.of(report("150", null, 3, null))))
                .isEqualTo("direct · 150 reports 3 ms jitter");
        assertThat(CallMediaText.of(Optional.empty(), List.of(report("150", null, null, null))))
                .isEqualTo("direct · 150 reports no figures");
    }
}
