package org.tandem.appliance.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the start script ({@code /usr/lib/tandem/start}) that the start is over: once the appliance accepts traffic,
 * an empty file is made where the system property {@code org.tandem.start.ready-file} says (the script sets it;
 * nothing is done without it). The script keeps the JIT's compiler threads at the lowest CPU priority until then, so
 * Spring's start thread does not wait for them on two cores, and gives them their normal share afterwards (issue 23,
 * cold start).
 *
 * <p>Readiness, not {@code ApplicationReadyEvent}: Spring Boot publishes it after every ready listener has run, the
 * banner that says "Tandem is running" too, so the compilers leave the idle class only once the start is really over
 * (a listener of the same event ran before the banner in some starts). The property lies outside the {@code tandem.*}
 * settings: it is the script's handshake, not a setting an admin gives (UnknownSettings would warn of it).
 */
@Component
class StartedMarker {

    static final String PROPERTY = "org.tandem.start.ready-file";
    private static final Logger log = LoggerFactory.getLogger(StartedMarker.class);

    private final AtomicBoolean marked = new AtomicBoolean();

    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        // once: readiness may change again later (refusing, then accepting), the script has gone on by then
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && marked.compareAndSet(false, true)) {
            mark(System.getProperty(PROPERTY));
        }
    }

    static void mark(String file) {
        if (file == null || file.isBlank()) return;
        try {
            Files.createFile(Path.of(file));
        } catch (IOException | RuntimeException e) {
            // the compilers then stay at the start's priority until the script's own limit: slower, not wrong
            log.warn("Cannot tell the start script the start is over ({}): {}", file, e.toString());
        }
    }
}
