package org.tandem.pbx.trunk.internal;

import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.security.NeverBanned;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.trunk.InboundRoutes;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkProperties;

/**
 * Wires the trunk gateway and the registration client onto the shared SIP stack, the Call-ID stripes
 * and the proxy's timer thread (no threads of their own).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrunkProperties.class)
public class TrunkConfiguration {

    @Bean
    GatewaySip trunkGatewaySip(
            SipTransports transports,
            SipResponder responder,
            SerialExecutors sipCallStripes,
            @Qualifier("sipProxyTimer") ScheduledExecutorService sipProxyTimer,
            LoopbackSignatures signatures,
            ExternalAddress externalAddress) {
        return new GatewaySip(transports, responder, sipCallStripes, sipProxyTimer, signatures, externalAddress);
    }

    @Bean
    GatewayCalls trunkGatewayCalls() {
        return new GatewayCalls();
    }

    @Bean
    TrunkGateway trunkGateway(
            GatewaySip trunkGatewaySip,
            GatewayCalls trunkGatewayCalls,
            TrunkDirectory trunks,
            InboundRoutes inbound,
            TrunkProperties props,
            LoopbackSignatures signatures,
            LocalAddresses local,
            BanRegistry bans,
            CallEvents events) {
        return new TrunkGateway(
                trunkGatewaySip, trunkGatewayCalls, trunks, inbound, props, signatures, local, bans, events);
    }

    /** Issue 22 finding 5: a provider's address is never banned, whatever fails from it (every call would stop). */
    @Bean
    NeverBanned trunkProvidersNeverBanned(TrunkDirectory trunks) {
        return address -> trunks.byProviderAddress(address).map(t -> "provider of trunk " + t.id());
    }

    @Bean
    TrunkRegistrationClient trunkRegistrationClient(
            GatewaySip trunkGatewaySip, TrunkDirectory trunks, TrunkProperties props) {
        return new TrunkRegistrationClient(trunkGatewaySip, trunks, props);
    }

    @Bean
    TrunkProbe trunkProbes(GatewaySip trunkGatewaySip, TrunkDirectory trunks) {
        return new TrunkProbe(trunkGatewaySip, trunks);
    }
}
