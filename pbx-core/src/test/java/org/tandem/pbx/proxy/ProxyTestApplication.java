package org.tandem.pbx.proxy;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * The Spring context of the proxy integration tests: everything in org.tandem.pbx (pbx-core has no
 * main class), plus test-only stand-ins for the registrar's LocationService and SipAuthenticator.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "org.tandem.pbx", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class),
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = TestConfiguration.class)})
class ProxyTestApplication {

    @Bean
    TestLocationService testLocationService() {
        return new TestLocationService();
    }

    @Bean
    TestDigestAuthenticator testDigestAuthenticator(SipTransports transports, SipResponder responder,
                                                    UserDirectory users, TandemProperties tandem) {
        return new TestDigestAuthenticator(transports, responder, users, tandem.domain());
    }
}
