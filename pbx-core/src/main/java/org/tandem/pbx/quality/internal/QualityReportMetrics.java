package org.tandem.pbx.quality.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import org.tandem.pbx.quality.QualityReport;

/**
 * The phones' own quality reports (RFC 6035) as Prometheus summaries, beside the relay's for relayed calls: reports
 * received ({@code tandem_call_quality_reports_total}), and per report the loss rate, jitter and MOS-LQ
 * ({@code tandem_call_quality_loss_percent}, {@code _jitter_milliseconds}, {@code _mos}), with no label per call.
 */
@Component
public class QualityReportMetrics implements MeterBinder {

    private volatile Counter reports;
    private volatile DistributionSummary loss;
    private volatile DistributionSummary jitter;
    private volatile DistributionSummary mos;

    @Override
    public void bindTo(MeterRegistry registry) {
        reports = Counter.builder("tandem.call.quality.reports")
                .description("Voice quality reports (RFC 6035) the phones sent and the appliance kept")
                .register(registry);
        loss = DistributionSummary.builder("tandem.call.quality.loss")
                .baseUnit("percent")
                .description("Network packet loss rate per quality report (PacketLoss NLR)")
                .register(registry);
        jitter = DistributionSummary.builder("tandem.call.quality.jitter")
                .baseUnit("milliseconds")
                .description("Interarrival jitter per quality report (Delay IAJ)")
                .register(registry);
        mos = DistributionSummary.builder("tandem.call.quality.mos")
                .description("Listening quality per quality report (QualityEst MOSLQ, 1-5)")
                .register(registry);
    }

    /** A report was stored. */
    void kept(QualityReport r) {
        Counter c = reports;
        if (c == null) return; // no registry in this process
        c.increment();
        if (r.lossPercent() != null) loss.record(r.lossPercent());
        if (r.jitterMillis() != null) jitter.record(r.jitterMillis());
        if (r.mosLq() != null) mos.record(r.mosLq());
    }
}
