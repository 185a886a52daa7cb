package org.tandem.pbx.testsupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * pbx-core has no main class; integration tests boot this instead: every bean of org.tandem.pbx plus
 * Spring Boot's auto-configuration (DataSource, Flyway, JdbcClient, transactions). Start it with
 * {@link PbxTestContext}. A test that checks the metrics a feature counts sets {@code test.meters=true}: the
 * context then has a meter registry, as the appliance has (its Prometheus endpoint).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("org.tandem.pbx")
public class TestPbxApplication {

    @Bean
    @ConditionalOnProperty("test.meters")
    SimpleMeterRegistry testMeters() {
        return new SimpleMeterRegistry();
    }
}
