package org.tandem.media;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.media.internal.JitsiMediaEngine;

/** The media engine as a Spring bean, configured by {@code tandem.media.*}. libjitsi starts at the first call. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
public class MediaConfiguration {

    @Bean(destroyMethod = "close")
    public MediaEngine mediaEngine(MediaProperties properties) {
        return new JitsiMediaEngine(properties);
    }
}
