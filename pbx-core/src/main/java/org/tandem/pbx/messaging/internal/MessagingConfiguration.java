package org.tandem.pbx.messaging.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.messaging.MessagingProperties;

/** The messaging settings and its one bounded IO thread (the database is never touched on a SIP stripe). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    /** Only looks at the clock and hands the expiry sweep to {@code messagingIo}. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService messagingTimer(Workers workers) {
        return workers.timer("messaging-timer");
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor messagingIo(Workers workers) {
        return workers.single("messaging-io", 1000);
    }
}
