package org.tandem.pbx.audit.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.tandem.pbx.audit.AuditProperties;

/**
 * The audit log's one bounded IO thread: rows are written there, after the change, never on the caller's thread
 * (a web request, a SIP stripe). Full queue: the entry is dropped and counted, the change is not held up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor auditIo() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("audit-io-");
        threads.setDaemon(true);
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000), threads,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
