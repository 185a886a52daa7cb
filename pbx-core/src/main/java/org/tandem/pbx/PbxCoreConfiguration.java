package org.tandem.pbx;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.SipTransports;

/**
 * Wires what the PBX features share beyond the SIP core (whose stack, stripes, addresses and pools
 * {@link SipCoreConfiguration} in sip-core wires): the host's network settings and the addresses we advertise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({org.tandem.pbx.network.NetworkProperties.class,
        org.tandem.pbx.recording.RecordingProperties.class, org.tandem.pbx.backup.LiveSessionProperties.class,
        org.tandem.pbx.xcap.XcapProperties.class})
public class PbxCoreConfiguration {

    /** The network settings of the System > Network page (issue 21). */
    @Bean
    org.tandem.pbx.network.NetworkSetup networkSetup(org.tandem.pbx.network.NetworkProperties network,
                                                     org.tandem.media.host.HostAddress hostAddress,
                                                     // no Clock bean in the appliance (the system clock); a test may supply one
                                                     ObjectProvider<java.time.Clock> clock) {
        return new org.tandem.pbx.network.NetworkSetup(network, hostAddress, clock.getIfAvailable(java.time.Clock::systemUTC));
    }

    /** The SSH switch of the System > Network page (issue 21, item 4). */
    @Bean
    org.tandem.pbx.network.SshAccess sshAccess(org.tandem.pbx.network.NetworkSetup network) {
        return new org.tandem.pbx.network.SshAccess(network);
    }

    /** What the firewall opens, from the configured ports (issue 21, item 9). */
    @Bean
    org.tandem.pbx.network.Firewall firewall(org.tandem.pbx.network.NetworkSetup network,
                                             org.tandem.pbx.network.SshAccess ssh,
                                             org.springframework.core.env.Environment config) {
        return new org.tandem.pbx.network.Firewall(network, ssh, config);
    }

    @Bean
    org.tandem.pbx.network.HostAddressWatcher hostAddressWatcher(org.tandem.media.host.HostAddress hostAddress,
                                                                 Workers workers,
                                                                 org.springframework.context.ApplicationEventPublisher events) {
        return new org.tandem.pbx.network.HostAddressWatcher(hostAddress, workers, events,
                java.time.Duration.ofSeconds(3));
    }

    /** issue 20: behind a router that forwards SIP, parties outside the local networks reach us by its public address */
    @Bean
    AdvertisedHosts advertisedHosts(SipTransports transports, ExternalAddress externalAddress,
                                    org.tandem.pbx.anchor.MediaAnchor anchor) {
        return new AdvertisedHosts(transports::advertisedHost, externalAddress, peer -> {
            // the local networks are the anchor's (tandem.media.local-networks); without media, RFC 1918 and friends
            return anchor == org.tandem.pbx.anchor.MediaAnchor.OFF ? ExternalAddress.isOutsideLan(peer) : anchor.isOutside(peer);
        });
    }
}
