package org.tandem.pbx.anchor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.MediaProperties;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayProperties;
import org.tandem.pbx.anchor.internal.AnchorPolicy;
import org.tandem.pbx.anchor.internal.LocalNetworks;
import org.tandem.pbx.anchor.internal.RelayAnchor;
import org.tandem.pbx.anchor.internal.RelayQualityMetrics;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.ExternalAddress;

/**
 * Media anchoring for the proxy ({@code tandem.media.relay}, {@code tandem.media.local-networks}): a
 * {@link RelayAnchor} over the media relay, or {@link MediaAnchor#OFF} when the relay is set to never or absent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
public class AnchorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnchorConfiguration.class);

    /** The relay's figures for the metrics endpoint (Prometheus: tandem_media_relay_*). */
    @Bean
    MeterBinder mediaRelayMetrics(ObjectProvider<MediaRelay> relay, ObjectProvider<MediaAnchor> anchor) {
        return registry -> relay.ifAvailable(r -> {
            if (anchor.getIfAvailable() instanceof RelayAnchor calls) {
                Gauge.builder("tandem.media.relay.calls", calls, RelayAnchor::anchoredCalls)
                        .description("Calls whose media the relay anchors now (NAT, trunks)").register(registry);
            }
            Gauge.builder("tandem.media.relay.streams", r, MediaRelay::openCalls)
                    .description("Streams (m-lines: audio, video) the relay carries now").register(registry);
            FunctionCounter.builder("tandem.media.relay.packets", r, MediaRelay::packetsRelayed)
                    .description("RTP and RTCP datagrams relayed").register(registry);
            FunctionCounter.builder("tandem.media.relay.dropped", r, MediaRelay::packetsDropped)
                    .description("Datagrams the relay refused (strangers: RTP bleed) or could not deliver")
                    .register(registry);
        });
    }

    @Bean
    RelayQualityMetrics relayQualityMetrics() {
        return new RelayQualityMetrics();
    }

    @Bean
    MediaAnchor mediaAnchor(RelayProperties relaySettings, ObjectProvider<MediaRelay> relay,
                            ObjectProvider<MediaProperties> media, ExternalAddress external,
                            SerialExecutors sipCallStripes, ApplicationEventPublisher events,
                            ObjectProvider<CallRecorder> recorder,
                            ObjectProvider<org.tandem.media.srtp.SrtpProperties> srtp,
                            ObjectProvider<org.tandem.media.host.HostAddress> hostAddress) {
        MediaRelay r = relay.getIfAvailable();
        if (r == null) {
            log.info("No media relay in this process: media goes directly between the parties");
            return MediaAnchor.OFF;
        }
        LocalNetworks local = LocalNetworks.of(relaySettings.localNetworks());
        MediaProperties mediaProperties = media.getIfAvailable(() -> new MediaProperties(null, null, null, null, null, null));
        org.tandem.media.host.HostAddress host = hostAddress.getIfAvailable(org.tandem.media.host.HostAddress::detect);
        // read per SDP: the host's address is followed when none is configured (issue 21)
        java.util.function.Supplier<String> localAddress = () -> mediaProperties.advertisedAddress(host);
        return new RelayAnchor(r, new AnchorPolicy(relaySettings.relay(), local),
                // RFC 4566 §5.7: the address the party can reach: the public one for parties outside the LAN
                peer -> peer != null && !local.isLocal(peer) ? external.host().orElseGet(localAddress) : localAddress.get(),
                callId -> task -> sipCallStripes.execute(callId, task), events::publishEvent,
                recorder.getIfAvailable(() -> CallRecorder.NONE),
                srtp.getIfAvailable(() -> new org.tandem.media.srtp.SrtpProperties(null)).srtp(),
                relaySettings.browserOpus());
    }
}
