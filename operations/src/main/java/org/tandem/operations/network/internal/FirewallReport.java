package org.tandem.operations.network.internal;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.operations.network.Firewall;
import org.tandem.operations.network.NetworkSetup;

/**
 * As Tandem starts on a machine it manages, it hands the root helper the ports it listens on, which the nftables policy
 * then opens (and no others but SSH while on), and asks how the firewall is (issue 21, item 9), so the Network page
 * shows whether the policy is active before any change was made there. The ports are only known once the web server
 * listens ({@code local.server.port}), hence the ready event.
 */
@Component
class FirewallReport {

    private static final Logger log = LoggerFactory.getLogger(FirewallReport.class);

    private final NetworkSetup network;
    private final Firewall firewall;

    FirewallReport(NetworkSetup network, Firewall firewall) {
        this.network = network;
        this.firewall = firewall;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        try {
            network.requestPorts(firewall.servicePorts());
        } catch (UncheckedIOException e) {
            log.warn("The firewall keeps the ports it opened before: {}", e.getMessage());
        }
        try {
            network.requestReport();
        } catch (UncheckedIOException e) {
            log.warn("The firewall's state stays unknown: {}", e.getMessage());
        }
    }
}
