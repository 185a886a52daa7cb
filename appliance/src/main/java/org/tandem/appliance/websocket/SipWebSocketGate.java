package org.tandem.appliance.websocket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may open a SIP WebSocket at {@code /ws}, decided before the HTTPS redirect and the upgrade:
 * <ul>
 * <li>plain {@code ws:} ({@code server.port}) only from this host (tests, local tools): SIP REGISTER digests and
 *     calls must not cross the network in clear; everyone else is told to use {@code wss:} on the HTTPS port (403);</li>
 * <li>RFC 7118 §4: the client must offer the subprotocol {@code sip} ({@code Sec-WebSocket-Protocol}); a handshake
 *     without it is refused (400), so no other WebSocket client is mistaken for a SIP one.</li>
 * </ul>
 * Banned addresses are refused by the security chain of {@code /ws}, as everywhere.
 */
final class SipWebSocketGate extends OncePerRequestFilter {

    static final String PATH = "/ws";

    private final int httpsPort;

    SipWebSocketGate(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!request.isSecure() && !fromThisHost(request)) {
            refuse(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "SIP over plain ws:// is only for clients on this host. "
                            + (httpsPort > 0
                                    ? "Use wss://" + host(request) + ":" + httpsPort + PATH + " instead."
                                    : "Turn HTTPS on (tandem.https-port) and use wss://."));
            return;
        }
        if (!offersSip(request)) {
            refuse(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "This WebSocket carries SIP only: offer the "
                            + "subprotocol 'sip' (Sec-WebSocket-Protocol: sip, RFC 7118 section 4).");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean offersSip(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String protocol : header.split(",")) {
                if ("sip".equals(protocol.strip().toLowerCase(Locale.ROOT))) return true;
            }
        }
        return false;
    }

    private static boolean fromThisHost(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String host(HttpServletRequest request) {
        String host = request.getServerName();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}
