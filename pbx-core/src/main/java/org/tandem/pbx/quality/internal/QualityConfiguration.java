package org.tandem.pbx.quality.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The quality reports' one bounded IO thread: their rows are written there, never on a SIP stripe. */
@Configuration(proxyBeanMethods = false)
public class QualityConfiguration {

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor qualityIo() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("quality-io-");
        threads.setDaemon(true);
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(500), threads,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
