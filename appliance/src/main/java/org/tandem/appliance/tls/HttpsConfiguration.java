package org.tandem.appliance.tls;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.appliance.security.HttpsRedirectFilter;
import org.tandem.appliance.security.SecurityHeadersFilter;
import org.tandem.provisioning.ProvisioningProperties;

/** The redirect to HTTPS and the security headers, both ahead of Spring Security's filter chains. */
@Configuration(proxyBeanMethods = false)
class HttpsConfiguration {

    @Bean
    FilterRegistrationBean<HttpsRedirectFilter> httpsRedirect(
            HttpsProperties https, ProvisioningProperties provisioning) {
        var registration = new FilterRegistrationBean<>(new HttpsRedirectFilter(https.port(provisioning)));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(ApplianceCertificate certificate) {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(() -> !certificate.selfSigned()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
