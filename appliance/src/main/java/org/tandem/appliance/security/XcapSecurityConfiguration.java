package org.tandem.appliance.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.tandem.pbx.security.BanRegistry;

/**
 * {@code /xcap-root/**}: users' XCAP clients, not admins. They authenticate per request with their own credentials
 * (the web password or their SIP secret, checked by the XCAP server, which reports failures to the
 * {@link BanRegistry}); banned addresses are refused first. Ordered before the API chain, which would otherwise
 * take a user's Basic credentials for an admin login.
 */
@Configuration(proxyBeanMethods = false)
class XcapSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 12)
    SecurityFilterChain xcapFilterChain(HttpSecurity http, JsonErrorWriter errors, ObjectProvider<BanRegistry> bans)
            throws Exception {
        return NoLoginChain.build(http, "/xcap-root/**", errors, bans);
    }
}
