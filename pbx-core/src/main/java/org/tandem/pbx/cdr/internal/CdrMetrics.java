package org.tandem.pbx.cdr.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The CDR writer's figures for the metrics endpoint: queue, journal, drops, failures, commits. */
class CdrMetrics implements MeterBinder {

    private final CdrWriter writer;

    CdrMetrics(CdrWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tandem.cdr.write.queue", writer, CdrWriter::queued)
                .description("Call events waiting for their database write")
                .register(registry);
        Gauge.builder("tandem.cdr.journal.unflushed", writer, CdrWriter::unflushed)
                .description("Call events in the journal that the database does not have yet")
                .register(registry);
        FunctionCounter.builder("tandem.cdr.write.rejected", writer, CdrWriter::rejectedCount)
                .description("Call events dropped because the CDR write queue was full")
                .register(registry);
        FunctionCounter.builder("tandem.cdr.write.failed", writer, CdrWriter::failedCount)
                .description("Call events whose CDR write failed")
                .register(registry);
        FunctionCounter.builder("tandem.cdr.write.commits", writer, CdrWriter::commitCount)
                .description("Database transactions committed by the CDR writer")
                .register(registry);
    }
}
