package org.tandem.pbx;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.ExternalAddress;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.security.KeyFiles;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.sip.AdvertisedHosts;
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
import org.tandem.pbx.sip.StrayResponseHandler;

/** Wires the SIP stack and the pieces every feature shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TandemProperties.class, SipProperties.class, SipConnectionProperties.class,
        org.tandem.pbx.network.NetworkProperties.class, org.tandem.pbx.recording.RecordingProperties.class,
        org.tandem.pbx.backup.LiveSessionProperties.class, org.tandem.pbx.xcap.XcapProperties.class})
public class PbxCoreConfiguration {

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
    Workers workers(ObjectProvider<MeterRegistry> registry) {
        return new Workers(registry.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    SerialExecutors sipCallStripes(SipProperties sip) {
        return new SerialExecutors("sip-call", sip.stripes(), sip.stripeQueue());
    }

    @Bean
    SipDispatcher sipDispatcher(SerialExecutors sipCallStripes, ObjectProvider<SipRequestHandler> handlers,
                                ObjectProvider<StrayResponseHandler> stray, ObjectProvider<InboundFilter> filter,
                                SipResponder responder) {
        // in the order of their SipHandlerSlot (the dispatcher sorts them)
        return new SipDispatcher(sipCallStripes, handlers.stream().toList(),
                stray.getIfAvailable(() -> e -> { }),
                filter.getIfAvailable(() -> address -> true),
                responder);
    }

    @Bean
    SipTransports sipTransports(SipProperties sip, SipConnectionProperties connections,
                                ObjectProvider<SipDispatcher> dispatcher, ObjectProvider<SipTlsKeystore> tls,
                                ObjectProvider<org.tandem.pbx.sip.SipWebSocketPorts> webSockets,
                                org.tandem.media.host.HostAddress hostAddress) {
        // the dispatcher is resolved lazily: it needs the handlers, which need the transports
        return new SipTransports(sip, connections, new LazySipListener(dispatcher), tls.getIfAvailable())
                .withWebSockets(webSockets.getIfAvailable()).followingHost(hostAddress);
    }

    /** The host's address now (issue 21), kept current by {@link org.tandem.pbx.network.HostAddressWatcher}. */
    @Bean
    org.tandem.media.host.HostAddress hostAddress() {
        return org.tandem.media.host.HostAddress.detect();
    }

    /** The network settings of the System > Network page (issue 21). */
    @Bean
    org.tandem.pbx.network.NetworkSetup networkSetup(org.tandem.pbx.network.NetworkProperties network,
                                                     org.tandem.media.host.HostAddress hostAddress,
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
    LocalAddresses localAddresses(SipDomain domain, SipProperties sip, SipTransports transports,
                                  ExternalAddress externalAddress) {
        return new LocalAddresses(domain, sip, transports.advertisedHost()).withExternal(externalAddress::host)
                .withAdvertised(transports::advertisedHost)
                .withWebSockets(transports.webSocketPorts());
    }

    /** issue 20: behind a router that forwards SIP, parties outside the local networks reach us by its public address */
    @Bean
    AdvertisedHosts advertisedHosts(SipTransports transports, ExternalAddress externalAddress,
                                    ObjectProvider<org.tandem.pbx.anchor.MediaAnchor> mediaAnchor) {
        return new AdvertisedHosts(transports::advertisedHost, externalAddress, peer -> {
            org.tandem.pbx.anchor.MediaAnchor anchor = mediaAnchor.getIfAvailable(() -> org.tandem.pbx.anchor.MediaAnchor.OFF);
            // the local networks are the anchor's (tandem.media.local-networks); without media, RFC 1918 and friends
            return anchor == org.tandem.pbx.anchor.MediaAnchor.OFF ? ExternalAddress.isOutsideLan(peer) : anchor.isOutside(peer);
        });
    }

    @Bean
    OptionsResponder optionsResponder(SipTransports transports, SipResponder responder, LocalAddresses local) {
        return new OptionsResponder(transports, responder, local);
    }
}
