package org.tandem.media.stun;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.MediaProperties;
import org.tandem.media.stun.internal.UdpStunServer;

/**
 * The STUN server as a bean: it listens once the context has started (its implementation is a SmartLifecycle) and
 * is closed with the context.
 * {@code MediaProperties} is enabled here too (Spring registers it once) for the default bind address.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StunProperties.class, MediaProperties.class})
public class StunConfiguration {

    @Bean(destroyMethod = "close")
    public StunServer stunServer(StunProperties stun, MediaProperties media) {
        return new UdpStunServer(stun, media.bindAddress());
    }
}
