package org.tandem.pbx.anchor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.MediaProperties;
import org.tandem.media.host.HostAddress;
import org.tandem.media.relay.MediaRelay;
import org.tandem.media.relay.RelayProperties;
import org.tandem.media.srtp.SrtpProperties;
import org.tandem.pbx.anchor.internal.AnchorPolicy;
import org.tandem.pbx.anchor.internal.LocalNetworks;
import org.tandem.pbx.anchor.internal.RelayAnchor;
import org.tandem.pbx.anchor.internal.RelayQualityMetrics;
import org.tandem.pbx.call.CallEvent;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.ExternalAddress;

/**
 * Media anchoring for the proxy ({@code tandem.media.relay}, {@code tandem.media.local-networks}): a
 * {@link RelayAnchor} over the media relay (the media module's, imported with the media engine); its policy anchors no
 * call when the relay is set to never.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
public class AnchorConfiguration {

    /** The relay's figures for the metrics endpoint (Prometheus: tandem_media_relay_*). */
    @Bean
    MeterBinder mediaRelayMetrics(MediaRelay r, MediaAnchor anchor) {
        return registry -> {
            if (anchor instanceof RelayAnchor calls) {
                Gauge.builder("tandem.media.relay.calls", calls, RelayAnchor::anchoredCalls)
                        .description("Calls whose media the relay anchors now (NAT, trunks)")
                        .register(registry);
            }
            Gauge.builder("tandem.media.relay.streams", r, MediaRelay::openCalls)
                    .description("Streams (m-lines: audio, video) the relay carries now")
                    .register(registry);
            FunctionCounter.builder("tandem.media.relay.packets", r, MediaRelay::packetsRelayed)
                    .description("RTP and RTCP datagrams relayed")
                    .register(registry);
            FunctionCounter.builder("tandem.media.relay.dropped", r, MediaRelay::packetsDropped)
                    .description("Datagrams the relay refused (strangers: RTP bleed) or could not deliver")
                    .register(registry);
        };
    }

    @Bean
    RelayQualityMetrics relayQualityMetrics() {
        return new RelayQualityMetrics();
    }

    @Bean
    MediaAnchor mediaAnchor(
            RelayProperties relaySettings,
            MediaRelay r,
            MediaProperties mediaProperties,
            ExternalAddress external,
            SerialExecutors sipCallStripes,
            CallEvents callEvents,
            ApplicationEventPublisher events,
            CallRecorder recorder,
            SrtpProperties srtp,
            HostAddress host) {
        LocalNetworks local = LocalNetworks.of(relaySettings.localNetworks());
        // read per SDP: the host's address is followed when none is configured (issue 21)
        Supplier<String> localAddress = () -> mediaProperties.advertisedAddress(host);
        return new RelayAnchor(
                r,
                new AnchorPolicy(relaySettings.relay(), local),
                // RFC 4566 §5.7: the address the party can reach: the public one for parties outside the LAN
                peer -> peer != null && !local.isLocal(peer)
                        ? external.host().orElseGet(localAddress)
                        : localAddress.get(),
                callId -> task -> sipCallStripes.execute(callId, task),
                // CallMedia to the call's listeners (records), the rare StreamDead/DtlsFailed as Spring events
                e -> {
                    if (e instanceof CallEvent call) callEvents.publish(call);
                    else events.publishEvent(e);
                },
                recorder,
                srtp.srtp(),
                relaySettings.browserOpus());
    }
}
