package org.tandem.pbx;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.tandem.media.host.HostAddress;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.backup.LiveSessionProperties;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.events.Listeners;
import org.tandem.pbx.network.Firewall;
import org.tandem.pbx.network.HostAddressWatcher;
import org.tandem.pbx.network.NetworkProperties;
import org.tandem.pbx.network.NetworkSetup;
import org.tandem.pbx.network.SshAccess;
import org.tandem.pbx.recording.RecordingProperties;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.xcap.XcapProperties;

/**
 * Wires what the PBX features share beyond the SIP core (whose stack, stripes, addresses and pools
 * {@link SipCoreConfiguration} in sip-core wires): the host's network settings and the addresses we advertise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NetworkProperties.class,
        RecordingProperties.class, LiveSessionProperties.class,
        XcapProperties.class})
public class PbxCoreConfiguration {

    /**
     * The call events ({@code org.tandem.pbx.call}) to every {@link CallListener} bean, in their order, on the call's
     * stripe (docs/architecture.md, "Events").
     */
    @Bean
    CallEvents callEvents(ObjectProvider<CallListener> listeners) {
        return new CallEvents(Listeners.of(listeners, CallListener::order));
    }

    /** The network settings of the System > Network page (issue 21). */
    @Bean
    NetworkSetup networkSetup(NetworkProperties network,
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
    Firewall firewall(NetworkSetup network,
                                             SshAccess ssh,
                                             Environment config) {
        return new Firewall(network, ssh, config);
    }

    @Bean
    HostAddressWatcher hostAddressWatcher(HostAddress hostAddress,
                                                                 Workers workers,
                                                                 ApplicationEventPublisher events) {
        return new HostAddressWatcher(hostAddress, workers, events,
                Duration.ofSeconds(3));
    }

    /** issue 20: behind a router that forwards SIP, parties outside the local networks reach us by its public address */
    @Bean
    AdvertisedHosts advertisedHosts(SipTransports transports, ExternalAddress externalAddress,
                                    MediaAnchor anchor) {
        return new AdvertisedHosts(transports::advertisedHost, externalAddress, peer -> {
            // the local networks are the anchor's (tandem.media.local-networks); without media, RFC 1918 and friends
            return anchor == MediaAnchor.OFF ? ExternalAddress.isOutsideLan(peer) : anchor.isOutside(peer);
        });
    }
}
