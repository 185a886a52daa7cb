package org.tandem.appliance.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AdminPasswordConfiguration {

    /** bcrypt, cost 10 (about 50-100 ms on a small appliance CPU: slow for guessing, fine for logins). */
    @Bean
    PasswordEncoder adminPasswordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
