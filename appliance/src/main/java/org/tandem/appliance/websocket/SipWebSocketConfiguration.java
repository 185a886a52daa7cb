package org.tandem.appliance.websocket;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.tandem.appliance.tls.HttpsProperties;
import org.tandem.pbx.config.WebServerPort;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.sip.SipWebSocketPorts;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * SIP over WebSocket (RFC 7118, issue 16) served by the appliance's own web server: {@code wss://host:<https-port>/ws}
 * and, for clients on this host, {@code ws://127.0.0.1:<server.port>/ws}. The web server does the HTTP upgrade
 * (Tomcat's RFC 6455 implementation, subprotocol {@code sip} answered in the 101) and hands each connection to the
 * SIP stack as a WS/WSS flow; registrar, proxy, digest, bans and connection limits are the stack's, as for UDP/TCP/TLS.
 * Not jain-sip's own WebSocket listener: see docs/pbx-core/nat-and-websocket.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class SipWebSocketConfiguration implements WebSocketConfigurer {

    private final SipTransports transports;

    SipWebSocketConfiguration(SipTransports transports) {
        this.transports = transports;
    }

    /** The ports the SIP stack names in its Via and Record-Route headers for WS and WSS. */
    @Bean
    static SipWebSocketPorts sipWebSocketPorts(
            Environment env, HttpsProperties https, ProvisioningProperties provisioning) {
        return new SipWebSocketPorts(Math.max(0, WebServerPort.configured(env)), https.port(provisioning));
    }

    @Bean
    FilterRegistrationBean<SipWebSocketGate> sipWebSocketGate(
            HttpsProperties https, ProvisioningProperties provisioning) {
        var registration = new FilterRegistrationBean<>(new SipWebSocketGate(https.port(provisioning)));
        registration.addUrlPatterns(SipWebSocketGate.PATH);
        // before the redirect to HTTPS (HttpsConfiguration, -20): a remote ws:// client gets a reason, not a 308
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 30);
        return registration;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols("sip"); // RFC 7118 §4: the 101 names it
        registry.addHandler(new SipWebSocketHandler(transports), SipWebSocketGate.PATH)
                .setHandshakeHandler(handshake)
                .addInterceptors(new OverHttps())
                // a browser page on another origin may hold a SIP account too (softphone pages); it still needs
                // the SIP password, as any SIP client
                .setAllowedOriginPatterns("*");
    }

    /** Notes whether the handshake came over HTTPS: the flow is then of transport WSS. */
    private static final class OverHttps implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            if (request instanceof ServletServerHttpRequest servlet) {
                HttpServletRequest http = servlet.getServletRequest();
                attributes.put(SipWebSocketHandler.SECURE, http.isSecure());
            }
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
            // nothing
        }
    }
}
