package org.tandem.webui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form's POST needs the CSRF token of the login page (OWASP ASVS 4.0.3 V4.2.2; login CSRF: another
 * site must not log a browser into an account of its choosing). Vaadin exempts its login URL from Spring's
 * CSRF check; its login form does send the token (from the page's {@code _csrf} meta tags), so this filter
 * checks it with Spring's own session repository and masking. A POST without it goes back to the login page,
 * is not a failed login (nothing is banned or locked) and logs nobody in.
 */
final class LoginCsrfFilter extends OncePerRequestFilter {

    private final RequestMatcher loginPost;
    private final CsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();
    private final XorCsrfTokenRequestAttributeHandler masking = new XorCsrfTokenRequestAttributeHandler();

    LoginCsrfFilter(String loginPath) {
        loginPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, loginPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!loginPost.matches(request) || valid(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    private boolean valid(HttpServletRequest request) {
        CsrfToken expected = tokens.loadToken(request);
        if (expected == null) return false;
        String actual = masking.resolveCsrfTokenValue(request, expected);
        return actual != null
                && MessageDigest.isEqual(
                        expected.getToken().getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
