package org.tandem.pbx.registrar.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.tandem.pbx.security.BanRegistry;

/**
 * Registrar and ban figures for the metrics endpoint (bound by Spring Boot when a registry exists):
 * current bindings, the write queue and its rejections (load shedding), commits, active bans.
 */
public class RegistrarMetrics implements MeterBinder {

    private final LocationTable table;
    private final LocationWriter writer;
    private final BanRegistry bans;
    private final RegisterShortcut shortcut;

    public RegistrarMetrics(LocationTable table, LocationWriter writer, BanRegistry bans, RegisterShortcut shortcut) {
        this.table = table;
        this.writer = writer;
        this.bans = bans;
        this.shortcut = shortcut;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tandem.registrar.bindings", table, t -> t.all().size())
                .description("Unexpired registrations")
                .register(registry);
        Gauge.builder("tandem.registrar.write.queue", writer, LocationWriter::queued)
                .description("Registrations waiting for their database write")
                .register(registry);
        Gauge.builder("tandem.registrar.journal.unflushed", writer, LocationWriter::unflushed)
                .description("Registrations in the journal that the database does not have yet")
                .register(registry);
        FunctionCounter.builder("tandem.registrar.write.rejected", writer, LocationWriter::rejectedCount)
                .description("REGISTERs shed with 503 because the write queue was full")
                .register(registry);
        FunctionCounter.builder("tandem.registrar.write.commits", writer, LocationWriter::commitCount)
                .description("Database transactions committed by the location writer")
                .register(registry);
        FunctionCounter.builder("tandem.registrar.shortcut.challenges", shortcut, RegisterShortcut::challenged)
                .description("REGISTERs over UDP challenged from their bytes, without the SIP stack's parser")
                .register(registry);
        FunctionCounter.builder("tandem.registrar.shortcut.registers", shortcut, RegisterShortcut::registered)
                .description(
                        "REGISTERs over UDP with credentials served from their bytes, without the SIP stack's parser")
                .register(registry);
        Gauge.builder("tandem.security.bans", bans, b -> b.current().size())
                .description("Source addresses currently banned")
                .register(registry);
    }
}
