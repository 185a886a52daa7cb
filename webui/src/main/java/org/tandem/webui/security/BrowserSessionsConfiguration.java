package org.tandem.webui.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The servlet container's side of the browser sessions: {@link AnonymousSessions}, around every request. */
@Configuration(proxyBeanMethods = false)
class BrowserSessionsConfiguration {

    @Bean
    AnonymousSessions anonymousSessions() {
        return new AnonymousSessions();
    }

    /** Outside every filter chain: it looks at the session a request opened once the whole chain is done. */
    @Bean
    FilterRegistrationBean<AnonymousSessions> anonymousSessionsFilter(AnonymousSessions sessions) {
        var registration = new FilterRegistrationBean<>(sessions);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    ServletListenerRegistrationBean<AnonymousSessions> anonymousSessionsListener(AnonymousSessions sessions) {
        return new ServletListenerRegistrationBean<>(sessions);
    }
}
