package org.tandem.appliance.security;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers {@code Expect: 100-continue} only once the application starts reading the body (RFC 9110
 * §10.1.1: a server may answer with a final status instead). By default it sends "100 Continue" at once, so
 * a client uploading 2 GB would start sending even though {@link RequestBodyLimitFilter} refuses it unread;
 * now the 413 goes out first and not one byte of the body follows (issue 22, finding 8).
 */
@Component
class ContinueOnRead implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
