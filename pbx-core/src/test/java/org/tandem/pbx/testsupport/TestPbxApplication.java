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
 * context then has a meter registry, as the appliance has (its Prometheus endpoint). Flyway runs the migrations of
 * the modules pbx-core has ({@link #FLYWAY_LOCATIONS}), set by every test that boots it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("org.tandem.pbx")
public class TestPbxApplication {

    /** The migration folders of sip-core and pbx-core (the appliance lists every module's, issue 14). */
    public static final String FLYWAY_LOCATIONS = "classpath:db/migration/sip-core,classpath:db/migration/pbx";
    /** {@link #FLYWAY_LOCATIONS} as a property, for {@code @SpringBootTest(properties = ...)}. */
    public static final String FLYWAY_PROPERTY = "spring.flyway.locations=" + FLYWAY_LOCATIONS;

    @Bean
    @ConditionalOnProperty("test.meters")
    SimpleMeterRegistry testMeters() {
        return new SimpleMeterRegistry();
    }
}
