package org.tandem.appliance.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.tandem.pbx.security.BanRegistry;

/**
 * A filter chain for paths whose clients authenticate by their own protocol, not with a web login (phones fetching
 * {@code /prov/}, SIP clients on {@code /ws}): no session, no CSRF token, no login form or Basic challenge, and only
 * one check, that the address is not banned, made before anything else runs.
 */
final class NoLoginChain {

    private NoLoginChain() {}

    static SecurityFilterChain build(
            HttpSecurity http, String pathPattern, JsonErrorWriter errors, ObjectProvider<BanRegistry> bans)
            throws Exception {
        http.securityMatcher(pathPattern)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .anonymous(a -> {})
                .addFilterAfter(new BannedAddressFilter(bans, errors), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}
