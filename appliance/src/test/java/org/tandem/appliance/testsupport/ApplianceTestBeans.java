package org.tandem.appliance.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test doubles for the registrar's location service and the ban registry. {@code @Primary} so they win
 * over the real implementations once those are part of the build: the API tests control their state.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApplianceTestBeans {

    @Bean
    @Primary
    FakeBanRegistry fakeBanRegistry() {
        return new FakeBanRegistry();
    }

    @Bean
    @Primary
    FakeLocationService fakeLocationService() {
        return new FakeLocationService();
    }
}
