package org.tandem.appliance.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the start script ({@code /usr/lib/tandem/start}) that the start is over: once the appliance is ready, an empty
 * file is made where the system property {@code tandem.start.ready-file} says (the script sets it; nothing is done
 * without it). The script keeps the JIT's compiler threads at the lowest CPU priority until then, so Spring's start
 * thread does not wait for them on two cores, and gives them their normal share afterwards (issue 23, cold start).
 */
@Component
class StartedMarker {

    static final String PROPERTY = "tandem.start.ready-file";
    private static final Logger log = LoggerFactory.getLogger(StartedMarker.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        mark(System.getProperty(PROPERTY));
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
