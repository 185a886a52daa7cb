package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Plain HTTP ({@code server.port}) is kept for clients on this host (health checks, the installer's scripts,
 * the API from a shell on the appliance) and for {@code /prov/}, which some phones can only fetch over HTTP;
 * everyone else is sent to HTTPS with 308 (RFC 9110 §15.4.9: the method and body are kept) before any
 * password or cookie goes over the wire in clear (issue 22, finding 10).
 */
public class HttpsRedirectFilter extends OncePerRequestFilter {

    private final int httpsPort;

    public HttpsRedirectFilter(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.isSecure() || httpsPort == 0 || fromThisHost(request) || phoneProvisioning(request)) {
            chain.doFilter(request, response);
            return;
        }
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        StringBuilder target = new StringBuilder("https://").append(host);
        if (httpsPort != 443) target.append(':').append(httpsPort);
        target.append(request.getRequestURI());
        if (request.getQueryString() != null) target.append('?').append(request.getQueryString());
        response.setStatus(308);
        response.setHeader("Location", target.toString());
        response.setContentLength(0);
    }

    private static boolean phoneProvisioning(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/prov/");
    }

    private static boolean fromThisHost(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
