package org.tandem.appliance.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
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
    SecurityFilterChain provisioningFilterChain(HttpSecurity http, JsonErrorWriter errors,
                                                ObjectProvider<BanRegistry> bans) throws Exception {
        http.securityMatcher("/prov/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .anonymous(a -> { })
                .addFilterAfter(new BannedAddressFilter(bans, errors), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}
