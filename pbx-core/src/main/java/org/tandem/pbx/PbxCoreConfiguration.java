package org.tandem.pbx;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.events.Listeners;
import org.tandem.pbx.recording.RecordingProperties;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.xcap.XcapProperties;

/**
 * Wires what the PBX features share beyond the SIP core (whose stack, stripes, addresses and pools
 * {@link SipCoreConfiguration} in sip-core wires): the addresses we advertise. The host's network settings are the
 * operations module's ({@code org.tandem.operations.OperationsConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RecordingProperties.class, XcapProperties.class})
public class PbxCoreConfiguration {

    /**
     * The call events ({@code org.tandem.pbx.call}) to every {@link CallListener} bean, in their order, on the call's
     * stripe (docs/architecture.md, "Events").
     */
    @Bean
    CallEvents callEvents(ObjectProvider<CallListener> listeners) {
        return new CallEvents(Listeners.of(listeners, CallListener::order));
    }

    /** issue 20: behind a router that forwards SIP, parties outside the local networks reach us by its public address */
    @Bean
    AdvertisedHosts advertisedHosts(SipTransports transports, ExternalAddress externalAddress, MediaAnchor anchor) {
        return new AdvertisedHosts(transports::advertisedHost, externalAddress, peer -> {
            // the local networks are the anchor's (tandem.media.local-networks); without media, RFC 1918 and friends
            return anchor == MediaAnchor.OFF ? ExternalAddress.isOutsideLan(peer) : anchor.isOutside(peer);
        });
    }
}
