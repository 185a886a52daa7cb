package org.tandem.webui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.webui.AdminCredentials;

/**
 * A browser signed in with an admin account that has since been deleted (the accounts page, the API) is signed out at
 * its next request and sent to the login page: a deleted account must not keep acting through a session opened
 * before (OWASP ASVS V3.3). So is one whose role has since changed (issue 17): a demoted admin must not keep the
 * old role's rights; signing in again gives the new one. Portal users' sessions are not admin accounts and pass.
 */
final class DeletedAccountFilter extends OncePerRequestFilter {

    private final AdminCredentials accounts;

    private final SecurityContextHolderStrategy securityContexts;

    DeletedAccountFilter(AdminCredentials accounts, SecurityContextHolderStrategy securityContexts) {
        this.securityContexts = securityContexts;
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = securityContexts.getContext().getAuthentication();
        if (who != null && who.isAuthenticated() && isAdminAccount(who) && !stillHoldsItsRole(who)) {
            securityContexts.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) session.invalidate();
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The account exists and has the role the session was opened with. */
    private boolean stillHoldsItsRole(Authentication who) {
        return accounts.role(who.getName())
                .map(role -> who.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)))
                .orElse(false);
    }

    private static boolean isAdminAccount(Authentication who) {
        return who.getAuthorities().stream()
                .map(a -> a.getAuthority())
                .anyMatch(a -> a.equals("ROLE_" + Roles.ADMIN)
                        || a.equals("ROLE_" + Roles.OPERATOR)
                        || a.equals("ROLE_" + Roles.RECEPTIONIST));
    }
}
