package org.tandem.pbx.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.quality.QualityReport;

class QualityReportMetricsTest {

    @Test
    void everyKeptReportCountsAndItsFiguresGoIntoTheSummaries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QualityReportMetrics metrics = new QualityReportMetrics();
        metrics.kept(new QualityReport("a", "150", Instant.now(), "SESSION", "PCMU", 1.0, null, 3, 80, 4.2, 4.0));
        metrics.bindTo(registry);
        metrics.kept(new QualityReport("a", "150", Instant.now(), "SESSION", "PCMU", 1.5, null, 3, 80, 4.1, 4.0));
        metrics.kept(
                new QualityReport("b", "151", Instant.now(), "INTERVAL", "PCMA", 4.5, 0.5, null, null, null, null));

        assertThat(registry.get("tandem.call.quality.reports").counter().count())
                .as("only after binding")
                .isEqualTo(2);
        assertThat(registry.get("tandem.call.quality.loss").summary().count()).isEqualTo(2);
        assertThat(registry.get("tandem.call.quality.loss").summary().mean()).isEqualTo(3.0);
        assertThat(registry.get("tandem.call.quality.jitter").summary().count())
                .as("a report without IAJ")
                .isEqualTo(1);
        assertThat(registry.get("tandem.call.quality.mos").summary().max()).isEqualTo(4.1);
    }
}
