package org.tandem.pbx.presence.internal;

import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.presence.PresenceProperties;

/** The presence feature's settings and its one timer thread (the subscription expiry sweep). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
public class PresenceConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService presenceTimer(Workers workers) {
        return workers.timer("presence-timer");
    }
}
