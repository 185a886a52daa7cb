package org.tandem.appliance.tls;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.tandem.appliance.security.HttpsRedirectFilter;
import org.tandem.appliance.security.SecurityHeadersFilter;
import org.tandem.operations.network.ServicePorts;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * The redirect to HTTPS and the security headers, both ahead of Spring Security's filter chains; the web and TFTP
 * ports the firewall opens.
 */
@Configuration(proxyBeanMethods = false)
class HttpsConfiguration {

    @Bean
    FilterRegistrationBean<HttpsRedirectFilter> httpsRedirect(
            HttpsProperties https, ProvisioningProperties provisioning) {
        var registration = new FilterRegistrationBean<>(new HttpsRedirectFilter(https.port(provisioning)));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }

    /**
     * The firewall opens HTTPS where it listens (issue 21, item 9) and TFTP for phones where provisioning serves it:
     * both from their properties with the fallback above, so the former {@code tandem.provisioning.https-port} and an
     * unset {@code tandem.https-port} (8443) are opened as they are served.
     */
    @Bean
    @Order(1)
    ServicePorts httpsServicePorts(HttpsProperties https, ProvisioningProperties provisioning) {
        return () -> ServicePorts.listening("https", "tcp", https.port(provisioning));
    }

    @Bean
    @Order(2)
    ServicePorts tftpServicePorts(ProvisioningProperties provisioning) {
        return () -> ServicePorts.listening("tftp", "udp", provisioning.tftpPort());
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(ApplianceCertificate certificate) {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(() -> !certificate.selfSigned()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
