package org.tandem.pbx.anchor.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.events.ListenerOrder;

/**
 * Per relayed stream, at the end of its call: packets lost and jitter (RFC 3550 A.3, A.8) as Prometheus summaries
 * ({@code tandem_media_relay_stream_lost}, {@code tandem_media_relay_stream_jitter_milliseconds}), so an admin sees
 * the quality of all calls without a label per call. Each call's own figures are in its call record.
 */
public final class RelayQualityMetrics implements MeterBinder, CallListener {

    private volatile DistributionSummary lost;
    private volatile DistributionSummary jitter;

    @Override
    public void bindTo(MeterRegistry registry) {
        lost = DistributionSummary.builder("tandem.media.relay.stream.lost")
                .baseUnit("packets")
                .description("RTP packets lost per relayed stream, at call end")
                .register(registry);
        jitter = DistributionSummary.builder("tandem.media.relay.stream.jitter")
                .baseUnit("milliseconds")
                .description("Interarrival jitter per relayed stream, at call end")
                .register(registry);
    }

    @Override
    public int order() {
        return ListenerOrder.RECORDS;
    }

    @Override
    public void on(CallMedia media) {
        DistributionSummary l = lost;
        DistributionSummary j = jitter;
        if (!media.relayed() || l == null || j == null) return;
        for (CallMedia.Stream s : new CallMedia.Stream[] {media.caller(), media.callee()}) {
            if (s == null || s.packets() == 0) continue; // a side that sent nothing has no quality to speak of
            l.record(s.lost());
            j.record(s.jitterMillis());
        }
    }
}
