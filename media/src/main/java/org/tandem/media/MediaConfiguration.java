package org.tandem.media;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.media.host.HostAddress;
import org.tandem.media.internal.JitsiMediaEngine;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.RelayConfiguration;
import org.tandem.media.srtp.SrtpProperties;

/**
 * The media engine as a Spring bean, configured by {@code tandem.media.*}. libjitsi starts at the first call. Its pools
 * come from the application's {@link WorkerPools} when there is one (measured, and watched by the health).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MediaProperties.class, SrtpProperties.class})
@Import(RelayConfiguration.class)
public class MediaConfiguration {

    /** One RTP port range for the media services and the relay. */
    @Bean
    PortAllocator mediaPorts(MediaProperties properties) {
        return PortAllocator.of(properties);
    }

    @Bean(destroyMethod = "close")
    public MediaEngine mediaEngine(
            MediaProperties properties,
            PortAllocator mediaPorts,
            SrtpProperties srtp,
            ObjectProvider<HostAddress> host,
            ObjectProvider<WorkerPools> pools) {
        // the host's address (issue 21) is pbx-core's bean, which its watcher keeps current; media alone detects once
        return new JitsiMediaEngine(
                properties,
                mediaPorts,
                srtp.srtp(),
                host.getIfAvailable(HostAddress::detect),
                pools.getIfAvailable(WorkerPools::plain));
    }
}
