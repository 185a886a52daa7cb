package org.tandem.appliance.admin;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AdminPasswordConfiguration {

    /**
     * bcrypt, cost 10 (about 50-100 ms on a small appliance CPU: slow for guessing, fine for logins),
     * with successful checks remembered for 5 minutes so API scripts don't pay it on every call.
     */
    @Bean
    PasswordEncoder adminPasswordEncoder() {
        return new RememberingPasswordEncoder(new BCryptPasswordEncoder(), Duration.ofMinutes(5), 1000);
    }
}
