package org.tandem.pbx.audit.internal;

import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.audit.AuditProperties;
import org.tandem.pbx.concurrent.Workers;

/**
 * The audit log's one bounded IO thread: rows are written there, after the change, never on the caller's thread
 * (a web request, a SIP stripe). Full queue: the entry is dropped and counted, the change is not held up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor auditIo(Workers workers) {
        return workers.single("audit-io", 1000);
    }
}
