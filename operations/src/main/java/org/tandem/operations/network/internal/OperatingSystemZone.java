package org.tandem.operations.network.internal;

import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.operations.network.NetworkSetup;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupChanged;

/**
 * The operating system's time zone follows the setup wizard's (issue 21, item 6), where Tandem manages the machine
 * (installed from the .deb or ISO): saved in the wizard, it goes to the root helper at once; at start, a saved zone
 * that differs from the system's (a restored backup, a zone changed on the console) goes again. The installer sets
 * the first one, which is also the wizard's default.
 */
@Component
class OperatingSystemZone {

    private static final Logger log = LoggerFactory.getLogger(OperatingSystemZone.class);

    private final NetworkSetup network;
    private final ApplianceSetup setup;

    OperatingSystemZone(NetworkSetup network, ApplianceSetup setup) {
        this.network = network;
        this.setup = setup;
    }

    @EventListener
    void saved(SetupChanged changed) {
        hand(changed.settings().timeZone(), "saved in the setup wizard");
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (!setup.done()) return;
        String zone = setup.current().timeZone();
        if (zone != null && !zone.equals(ZoneId.systemDefault().getId())) {
            hand(
                    zone,
                    "the appliance's, not the system's "
                            + ZoneId.systemDefault().getId());
        }
    }

    private void hand(String zone, String why) {
        if (zone == null) return;
        try {
            if (network.requestZone(ZoneId.of(zone))) log.info("Time zone {} ({}) handed to the system", zone, why);
        } catch (DateTimeException | UncheckedIOException e) {
            log.warn("The system's time zone stays as it is: {}", e.getMessage());
        }
    }
}
