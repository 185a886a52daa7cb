package org.tandem.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.host.HostAddress;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.concurrent.SerialExecutorsMetrics;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.config.HostAddressWatcher;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.security.KeyFiles;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.OptionsResponder;
import org.tandem.pbx.sip.SipConnectionProperties;
import org.tandem.pbx.sip.SipDispatcher;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipRequestHandler;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTlsKeystore;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.sip.SipWebSocketPorts;
import org.tandem.pbx.sip.StrayResponseHandler;

/**
 * Wires the SIP stack and the pieces every feature shares (module sip-core): the transports, the stripes and the
 * dispatcher, the SIP domain and our addresses, the worker pools, the appliance's keys. The PBX features wire theirs
 * in pbx-core ({@code PbxCoreConfiguration} and each feature's own configuration).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TandemProperties.class, SipProperties.class, SipConnectionProperties.class})
public class SipCoreConfiguration {

    @Bean
    SecretCipher secretCipher(TandemProperties tandem) {
        return SecretCipher.fromKeyFile(tandem.dataDir().resolve("secret.key"));
    }

    /** Signs what this process tells itself in requests it sends to itself (data/loopback.key). */
    @Bean
    LoopbackSignatures loopbackSignatures(TandemProperties tandem) {
        return new LoopbackSignatures(KeyFiles.readOrCreate(tandem.dataDir().resolve("loopback.key"), "loopback key"));
    }

    /** Every background worker pool outside the SIP stripes is made here: named, bounded, measured. */
    @Bean
    Workers workers(ObjectProvider<MeterRegistry> registry) { // none in pbx-core's test application unless test.meters
        return new Workers(registry.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    SerialExecutors sipCallStripes(SipProperties sip) {
        return new SerialExecutors("sip-call", sip.stripes(), sip.stripeQueue());
    }

    @Bean
    SerialExecutorsMetrics sipCallStripesMetrics(SerialExecutors sipCallStripes) {
        return new SerialExecutorsMetrics("sip-call", sipCallStripes);
    }

    @Bean
    SipDispatcher sipDispatcher(
            SerialExecutors sipCallStripes,
            List<SipRequestHandler> handlers,
            // the stray-response handler is pbx-core's proxy: the SIP core alone drops them
            ObjectProvider<StrayResponseHandler> stray,
            InboundFilter filter,
            SipResponder responder) {
        // in the order of their SipHandlerSlot (the dispatcher sorts them)
        return new SipDispatcher(sipCallStripes, handlers, stray.getIfAvailable(() -> e -> {}), filter, responder);
    }

    @Bean
    SipTransports sipTransports(
            SipProperties sip,
            SipConnectionProperties connections,
            ObjectProvider<SipDispatcher> dispatcher,
            ObjectProvider<SipTlsKeystore> tls,
            ObjectProvider<SipWebSocketPorts> webSockets,
            HostAddress hostAddress) {
        // the dispatcher is resolved lazily: it needs the handlers, which need the transports (a cycle);
        // the TLS keystore and the WebSocket ports are the appliance's: pbx-core's test application has neither
        return new SipTransports(sip, connections, new LazySipListener(dispatcher), tls.getIfAvailable())
                .withWebSockets(webSockets.getIfAvailable())
                .followingHost(hostAddress);
    }

    /** The host's address now (issue 21), kept current by {@link HostAddressWatcher}. */
    @Bean
    HostAddress hostAddress() {
        return HostAddress.detect();
    }

    /** Re-reads the host's address every 3 s, so SIP, SDP and provisioning follow a DHCP change (issue 21). */
    @Bean
    HostAddressWatcher hostAddressWatcher(HostAddress hostAddress, Workers workers, ApplicationEventPublisher events) {
        return new HostAddressWatcher(hostAddress, workers, events, Duration.ofSeconds(3));
    }

    @Bean
    SipResponder sipResponder(SipTransports transports) {
        return new SipResponder(transports);
    }

    @Bean
    SipDomain sipDomain(TandemProperties tandem) {
        return new SipDomain(tandem.domain());
    }

    @Bean
    ExternalAddress externalAddress(TandemProperties tandem) {
        return new ExternalAddress(tandem.externalAddress());
    }

    @Bean
    LocalAddresses localAddresses(
            SipDomain domain, SipProperties sip, SipTransports transports, ExternalAddress externalAddress) {
        return new LocalAddresses(domain, sip, transports.advertisedHost())
                .withExternal(externalAddress::host)
                .withAdvertised(transports::advertisedHost)
                .withWebSockets(transports.webSocketPorts());
    }

    @Bean
    OptionsResponder optionsResponder(SipTransports transports, SipResponder responder, LocalAddresses local) {
        return new OptionsResponder(transports, responder, local);
    }
}
