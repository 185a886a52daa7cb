package org.tandem.pbx.clicktocall.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** Click-to-call's one timer thread: it only hands a ring timeout to the call's stripe. */
@Configuration(proxyBeanMethods = false)
public class ClickToCallConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService clickToCallTimer() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("click-to-call-timer-");
        threads.setDaemon(true);
        return Executors.newSingleThreadScheduledExecutor(threads);
    }
}
