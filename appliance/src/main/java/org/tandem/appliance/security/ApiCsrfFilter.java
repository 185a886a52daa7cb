package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.appliance.api.ApiError;

/**
 * Cross-site request forgery defence of the REST API (OWASP ASVS 4.0.3 V4.2.2 / V13.2.3; OWASP CSRF
 * Prevention Cheat Sheet, "custom request headers" and "Fetch Metadata"). A browser attaches cached HTTP Basic
 * credentials (and cookies) to any request a page of another site makes it send, a form POST included; the
 * request's own body and method prove nothing. So a request that changes something and comes from a browser
 * must carry the header {@value #HEADER}: a page of another origin can only add a custom header through a CORS
 * preflight, which this appliance never grants.
 *
 * <p>"From a browser" means: it has an {@code Origin}, a {@code Sec-Fetch-*} header or a {@code Cookie}, which
 * browsers send (Fetch standard §3.1, §3.2; W3C Fetch Metadata §2) and scripts such as curl do not. So the
 * documented {@code curl -u admin:PW -H 'Content-Type: application/json' ...} calls keep working unchanged,
 * and an API token ({@code Authorization: Bearer}), which no browser sends by itself, needs nothing more.
 */
class ApiCsrfFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Tandem-Api";
    /** RFC 9110 §9.2.1: the safe methods change nothing, so a forged one does no harm. */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final JsonErrorWriter errors;

    ApiCsrfFilter(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))
                || !fromBrowser(request)
                || hasValue(request, HEADER)
                || bearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        errors.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                ApiError.of(
                        "cross-site request refused",
                        request.getMethod() + " " + request.getRequestURI() + " came from a browser without the header "
                                + HEADER + ": 1, so it may have been sent by another site's page. Calls from your own "
                                + "scripts or pages must send that header (or use an API token: POST /api/v1/tokens)"));
    }

    static boolean fromBrowser(HttpServletRequest request) {
        return hasValue(request, "Origin")
                || hasValue(request, "Sec-Fetch-Site")
                || hasValue(request, "Sec-Fetch-Mode")
                || hasValue(request, "Cookie");
    }

    private static boolean bearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static boolean hasValue(HttpServletRequest request, String header) {
        String value = request.getHeader(header);
        return value != null && !value.isBlank();
    }
}
