package org.tandem.pbx.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * pbx-core has no main class; integration tests boot this instead: every bean of org.tandem.pbx plus
 * Spring Boot's auto-configuration (DataSource, Flyway, JdbcClient, transactions). Start it with
 * {@link PbxTestContext}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("org.tandem.pbx")
public class TestPbxApplication {
}
