package org.tandem.pbx.messaging.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
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

    /** Stopped by {@link #messagingIoStop}, not by a destroy method of its own. */
    @Bean(destroyMethod = "")
    ThreadPoolExecutor messagingIo(Workers workers) {
        return workers.single("messaging-io", 1000);
    }

    /**
     * Stops {@code messagingIo} and waits (a few seconds at most) for the task under way, which reads or writes the
     * database: this bean takes the data source, so it is destroyed before it, and a task is never cut off by the
     * pool's close (the expiry sweep first runs 5 s after the start: a stop then met it and logged a failure).
     */
    @Bean
    DisposableBean messagingIoStop(@Qualifier("messagingIo") ThreadPoolExecutor io, DataSource database) {
        return () -> {
            io.shutdown();
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) io.shutdownNow();
        };
    }
}
