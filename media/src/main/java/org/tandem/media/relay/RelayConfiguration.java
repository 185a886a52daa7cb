package org.tandem.media.relay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.concurrent.WorkerPools;
import org.tandem.media.internal.PortAllocator;
import org.tandem.media.relay.internal.UdpRelay;
import org.tandem.media.srtp.SrtpProperties;

/** The NAT media relay as a bean, on the media engine's port range ({@code tandem.media.*}, see RelayProperties). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RelayProperties.class, SrtpProperties.class})
public class RelayConfiguration {

    /**
     * Idle (one thread) until the proxy anchors a call; with tandem.media.relay=never it anchors none. Its recorder
     * and DTLS pools come from the application's {@link WorkerPools} when there is one.
     */
    @Bean(destroyMethod = "close")
    public MediaRelay mediaRelay(RelayProperties relay, PortAllocator mediaPorts, ObjectProvider<WorkerPools> pools) {
        return new UdpRelay(relay, mediaPorts, pools.getIfAvailable(WorkerPools::plain));
    }
}
