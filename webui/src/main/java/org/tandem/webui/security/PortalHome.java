package org.tandem.webui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A portal user who opens the appliance's root address lands in their portal, not on an access-denied
 * page: {@code /} is the admin dashboard, {@code /me} is theirs. (Other admin pages stay denied by
 * Vaadin's access control.)
 */
final class PortalHome extends OncePerRequestFilter {

    private final SecurityContextHolderStrategy securityContexts;

    PortalHome(SecurityContextHolderStrategy securityContexts) {
        this.securityContexts = securityContexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Authentication who = securityContexts.getContext().getAuthentication();
        // only the page itself: Vaadin's own requests also go to "/" but carry a query (?v-r=...)
        if ("GET".equals(request.getMethod())
                && (path.isEmpty() || path.equals("/"))
                && request.getQueryString() == null
                && who != null) {
            if (who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.USER))) {
                response.sendRedirect(request.getContextPath() + "/me");
                return;
            }
            // the front desk's home is the operator panel (issue 15), not the dashboard it may not open
            if (who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.RECEPTIONIST))) {
                response.sendRedirect(request.getContextPath() + "/operator");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
