package org.tandem.pbx.messaging.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.tandem.pbx.messaging.MessagingProperties;

/** The messaging settings and its one bounded IO thread (the database is never touched on a SIP stripe). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingConfiguration {

    /** Only looks at the clock and hands the expiry sweep to {@code messagingIo}. */
    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ScheduledExecutorService messagingTimer() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("messaging-timer-");
        threads.setDaemon(true);
        return java.util.concurrent.Executors.newSingleThreadScheduledExecutor(threads);
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor messagingIo() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("messaging-io-");
        threads.setDaemon(true);
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000), threads,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
