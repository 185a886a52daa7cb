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
 * {@code /ws}: SIP over WebSocket (RFC 7118). No web login: the SIP client authenticates each REGISTER and call with
 * SIP digest, as over UDP/TCP/TLS, and its failures count towards the same bans; banned addresses are refused here
 * before the upgrade. Ordered before the UI chain, which would send a WebSocket client to the login page.
 */
@Configuration(proxyBeanMethods = false)
class SipWebSocketSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 11)
    SecurityFilterChain sipWebSocketFilterChain(
            HttpSecurity http, JsonErrorWriter errors, ObjectProvider<BanRegistry> bans) throws Exception {
        return NoLoginChain.build(http, "/ws", errors, bans);
    }
}
