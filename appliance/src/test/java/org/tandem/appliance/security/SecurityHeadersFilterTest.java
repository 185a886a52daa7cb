package org.tandem.appliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** CSP, Referrer-Policy and nosniff everywhere; HSTS only over HTTPS with a real certificate (RFC 6797 §7.2). */
class SecurityHeadersFilterTest {

    private static MockHttpServletResponse serve(boolean secure, boolean realCertificate) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
        request.setSecure(secure);
        MockHttpServletResponse response = new MockHttpServletResponse();
        // downstream, Spring Security's HstsHeaderWriter adds its own header to every secure response
        new SecurityHeadersFilter(() -> realCertificate)
                .doFilter(
                        request,
                        response,
                        (req, res) -> ((HttpServletResponse) res)
                                .setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
        return response;
    }

    @Test
    void everyResponseCarriesThePolicyHeaders() throws Exception {
        MockHttpServletResponse r = serve(false, false);
        assertThat(r.getHeader("Content-Security-Policy"))
                .startsWith("default-src 'self'")
                .contains("object-src 'none'", "frame-ancestors 'none'");
        assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void hstsWaitsForARealCertificate() throws Exception {
        assertThat(serve(true, false).getHeader("Strict-Transport-Security"))
                .as("self-signed: a browser under HSTS could not get past its warning")
                .isNull();
        assertThat(serve(true, true).getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }
}
