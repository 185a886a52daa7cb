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
 * {@code /prov/**}: phones, not admins. No admin login (a phone's HTTP Basic credentials are its own and
 * are checked per device by the provisioning module, which reports failures and MAC scans to the
 * {@link BanRegistry}); banned addresses are refused first, as everywhere. Ordered before the API chain,
 * which would otherwise try the phone's credentials as an admin login.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain provisioningFilterChain(
            HttpSecurity http, JsonErrorWriter errors, ObjectProvider<BanRegistry> bans) throws Exception {
        return NoLoginChain.build(http, "/prov/**", errors, bans);
    }
}
