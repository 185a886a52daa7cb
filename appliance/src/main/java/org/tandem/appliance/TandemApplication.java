package org.tandem.appliance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Tandem appliance: one process that is the office phone system. */
@SpringBootApplication(scanBasePackages = "org.tandem")
@ConfigurationPropertiesScan("org.tandem")
public class TandemApplication {

    public static void main(String[] args) {
        SpringApplication.run(TandemApplication.class, args);
    }
}
