package org.tandem.operations;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.tandem.media.host.HostAddress;
import org.tandem.operations.backup.LiveSessionProperties;
import org.tandem.operations.network.Firewall;
import org.tandem.operations.network.NetworkProperties;
import org.tandem.operations.network.NetworkSetup;
import org.tandem.operations.network.ServicePorts;
import org.tandem.operations.network.SshAccess;

/**
 * Wires the appliance's operations that are not telephony (issue 14): the host's network settings, SSH and firewall
 * of the System > Network page, and the live session's settings. Backups are services of their own
 * ({@code backup.Backups}, {@code backup.BackupSchedules}). Found by the appliance's component scan of
 * {@code org.tandem}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NetworkProperties.class, LiveSessionProperties.class})
public class OperationsConfiguration {

    /** The network settings of the System > Network page (issue 21). */
    @Bean
    NetworkSetup networkSetup(
            NetworkProperties network,
            HostAddress hostAddress,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        return new NetworkSetup(network, hostAddress, clock.getIfAvailable(Clock::systemUTC));
    }

    /** The SSH switch of the System > Network page (issue 21, item 4). */
    @Bean
    SshAccess sshAccess(NetworkSetup network) {
        return new SshAccess(network);
    }

    /** What the firewall opens, from the configured ports (issue 21, item 9). */
    @Bean
    Firewall firewall(NetworkSetup network, SshAccess ssh, Environment config, ObjectProvider<ServicePorts> modules) {
        // every module's ports, in the order of their beans (HTTPS, then TFTP, in the appliance)
        return new Firewall(network, ssh, config, modules.orderedStream().toList());
    }
}
