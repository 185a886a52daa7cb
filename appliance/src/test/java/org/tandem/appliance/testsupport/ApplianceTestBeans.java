package org.tandem.appliance.testsupport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test doubles for the registrar's location service and the ban registry, for {@code @Import} only.
 * {@code @Primary} so they win over the real implementations: the API tests control their state.
 * Deliberately not annotated: TandemApplication scans all of org.tandem, and an annotated configuration
 * would slip into every application a test starts without SpringBootTest's exclusion filter.
 */
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
