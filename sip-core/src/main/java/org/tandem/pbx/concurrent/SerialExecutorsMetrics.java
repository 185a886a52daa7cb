package org.tandem.pbx.concurrent;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Call-ID stripes on the metrics endpoint: {@code tandem_sip_stripes_queued{pool}} (tasks waiting on all stripes)
 * {@code tandem_sip_stripes_in_place_total{pool}} (messages run by their receive thread, their stripe being idle) and
 * {@code tandem_sip_stripes_rejected_total{pool}} (tasks a full stripe refused: a new request shed with 503, or a
 * call's event dropped), beside the {@code sipDispatch} health that turns DOWN on a refusal.
 */
public final class SerialExecutorsMetrics implements MeterBinder {

    private final String pool;
    private final SerialExecutors stripes;

    public SerialExecutorsMetrics(String pool, SerialExecutors stripes) {
        this.pool = pool;
        this.stripes = stripes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tandem.sip.stripes.queued", stripes, SerialExecutors::queuedTasks)
                .tag("pool", pool)
                .description("Tasks waiting on the Call-ID stripes")
                .register(registry);
        Gauge.builder("tandem.sip.stripes.threads", stripes, SerialExecutors::stripeCount)
                .tag("pool", pool)
                .description("Call-ID stripes (one thread each)")
                .register(registry);
        FunctionCounter.builder("tandem.sip.stripes.in.place", stripes, SerialExecutors::ranInPlaceCount)
                .tag("pool", pool)
                .description("Messages run by the receive thread itself, their stripe being idle")
                .register(registry);
        FunctionCounter.builder("tandem.sip.stripes.rejected", stripes, SerialExecutors::rejectedCount)
                .tag("pool", pool)
                .description("Tasks a full Call-ID stripe refused")
                .register(registry);
    }
}
