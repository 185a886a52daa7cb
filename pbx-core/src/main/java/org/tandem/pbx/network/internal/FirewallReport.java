package org.tandem.pbx.network.internal;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.network.NetworkSetup;

/**
 * As Tandem starts on a machine it manages, it asks the root helper how the firewall is (issue 21, item 9), so the
 * Network page shows whether the nftables policy is active before any change was made there.
 */
@Component
class FirewallReport {

    private static final Logger log = LoggerFactory.getLogger(FirewallReport.class);

    private final NetworkSetup network;

    FirewallReport(NetworkSetup network) {
        this.network = network;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        try {
            network.requestReport();
        } catch (UncheckedIOException e) {
            log.warn("The firewall's state stays unknown: {}", e.getMessage());
        }
    }
}
