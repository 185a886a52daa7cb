package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP security headers on every response (OWASP ASVS V14.4; Spring Security adds X-Content-Type-Options,
 * X-Frame-Options and Cache-Control itself):
 * <ul>
 * <li>Content-Security-Policy: only this origin's scripts, styles, images and connections. Vaadin's client
 *     needs inline scripts/styles and eval, so those stay allowed; plugins and framing by others do not.</li>
 * <li>Referrer-Policy: no Referer with paths (they may carry a phone's provisioning token) to other sites.</li>
 * <li>Strict-Transport-Security (RFC 6797) only over HTTPS and only once a real certificate is installed: with
 *     the self-signed one a browser under HSTS would not let the admin past its warning at all. Spring
 *     Security's own HSTS header, which does not know the difference, is dropped.</li>
 * </ul>
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self' ws: wss:; media-src 'self' blob:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String HSTS = "Strict-Transport-Security";
    static final String ONE_YEAR = "max-age=31536000";

    private final BooleanSupplier realCertificate;

    /** @param realCertificate whether the appliance certificate is not self-signed (asked per HTTPS request) */
    public SecurityHeadersFilter(BooleanSupplier realCertificate) {
        this.realCertificate = realCertificate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!request.isSecure()) {
            chain.doFilter(request, response);
            return;
        }
        if (realCertificate.getAsBoolean()) response.setHeader(HSTS, ONE_YEAR);
        chain.doFilter(request, new WithoutOtherHsts(response));
    }

    /** Keeps the HSTS decision here: later writers (Spring Security's HstsHeaderWriter) cannot add one. */
    private static final class WithoutOtherHsts extends HttpServletResponseWrapper {
        WithoutOtherHsts(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!HSTS.equalsIgnoreCase(name)) super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (!HSTS.equalsIgnoreCase(name)) super.addHeader(name, value);
        }
    }
}
