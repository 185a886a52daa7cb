package org.tandem.pbx.clicktocall.internal;

import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;

/** Click-to-call's one timer thread: it only hands a ring timeout to the call's stripe. */
@Configuration(proxyBeanMethods = false)
public class ClickToCallConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService clickToCallTimer(Workers workers) {
        return workers.timer("click-to-call-timer");
    }
}
