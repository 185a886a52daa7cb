package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.appliance.api.ApiError;
import org.tandem.appliance.apitoken.ApiTokens;
import org.tandem.appliance.audit.ApiCaller;
import org.tandem.pbx.security.BanRegistry;

/**
 * {@code Authorization: Bearer <API token>} (RFC 6750 §2.1) for scripts. A wrong token is a failed login like
 * a wrong password: 401 (RFC 6750 §3.1 {@code invalid_token}) and one strike towards a ban of the address.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** Granted to token logins besides the role: the one thing a token may not do is make more tokens. */
    static final String TOKEN_AUTHORITY = "API_TOKEN";

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final ApiTokens tokens;
    private final ObjectProvider<BanRegistry> bans;
    private final JsonErrorWriter errors;

    private final SecurityContextHolderStrategy securityContexts;

    BearerTokenFilter(
            ApiTokens tokens,
            ObjectProvider<BanRegistry> bans,
            JsonErrorWriter errors,
            SecurityContextHolderStrategy securityContexts) {
        this.tokens = tokens;
        this.securityContexts = securityContexts;
        this.bans = bans;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Bearer> bearer =
                tokens.authenticate(authorization.substring(7).strip());
        if (bearer.isEmpty()) {
            String address = request.getRemoteAddr();
            log.warn("Failed API login with an unknown or revoked API token from {}", address);
            BanRegistry registry = bans.getIfAvailable();
            if (registry != null) registry.recordFailure(address, "api token");
            response.setHeader(
                    "WWW-Authenticate",
                    "Bearer realm=\"" + ApiSecurityConfiguration.REALM + "\", error=\"invalid_token\"");
            errors.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    ApiError.of(
                            "unauthorized",
                            "The API token is unknown or was revoked; an admin lists and creates tokens on the web UI's "
                                    + "API tokens page (System) or at /api/v1/tokens"));
            return;
        }
        ApiTokens.Bearer b = bearer.get();
        UsernamePasswordAuthenticationToken login = UsernamePasswordAuthenticationToken.authenticated(
                b.owner().username(),
                null,
                List.of(
                        new SimpleGrantedAuthority("ROLE_" + b.token().role().name()),
                        new SimpleGrantedAuthority(TOKEN_AUTHORITY)));
        var context = securityContexts.createEmptyContext();
        context.setAuthentication(login);
        securityContexts.setContext(context);
        // the login is the owner's; the audit log names the token too (issue 17)
        ApiCaller.noteToken(request, b.token().name(), b.owner().username());
        try {
            chain.doFilter(request, response);
        } finally {
            securityContexts.clearContext();
        }
    }
}
