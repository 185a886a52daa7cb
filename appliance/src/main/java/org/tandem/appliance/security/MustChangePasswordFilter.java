package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.appliance.admin.AdminAccount;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.api.ApiError;

/**
 * An account that still has its generated one-time password may only see itself and choose its own password
 * over the API, as in the web UI (OWASP ASVS 4.0.3 V2.3.1: initial passwords are temporary and must be
 * changed on first use): {@code GET /api/v1/account} and {@code PUT /api/v1/account/password}; everything
 * else answers 403 saying so.
 */
class MustChangePasswordFilter extends OncePerRequestFilter {

    private final AdminAccounts accounts;
    private final JsonErrorWriter errors;

    private final SecurityContextHolderStrategy securityContexts;

    MustChangePasswordFilter(
            AdminAccounts accounts, JsonErrorWriter errors, SecurityContextHolderStrategy securityContexts) {
        this.securityContexts = securityContexts;
        this.accounts = accounts;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication login = securityContexts.getContext().getAuthentication();
        if (login == null
                || !login.isAuthenticated()
                || allowed(request)
                || !accounts.find(login.getName())
                        .map(AdminAccount::mustChangePassword)
                        .orElse(false)) {
            chain.doFilter(request, response);
            return;
        }
        errors.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                ApiError.of(
                        "password change required",
                        "The account " + login.getName()
                                + " still has its one-time password: choose your own first with "
                                + "PUT /api/v1/account/password {\"currentPassword\":\"...\",\"password\":\"...\"}"));
    }

    private static boolean allowed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return (path.equals("/api/v1/account") && request.getMethod().equals("GET"))
                || (path.equals("/api/v1/account/password")
                        && request.getMethod().equals("PUT"))
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                || path.equals("/error");
    }
}
