package org.tandem.pbx.quality.internal;

import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;

/** The quality reports' one bounded IO thread: their rows are written there, never on a SIP stripe. */
@Configuration(proxyBeanMethods = false)
public class QualityConfiguration {

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor qualityIo(Workers workers) {
        return workers.single("quality-io", 500);
    }
}
