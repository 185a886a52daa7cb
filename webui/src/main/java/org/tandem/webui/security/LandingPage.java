package org.tandem.webui.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After login: users go to their portal ({@code /me}), receptionists to the operator panel, admins to the page they
 * asked for or the dashboard.
 */
final class LandingPage implements AuthenticationSuccessHandler {

    private final SavedRequestAwareAuthenticationSuccessHandler admins =
            new SavedRequestAwareAuthenticationSuccessHandler();

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication who)
            throws IOException, ServletException {
        boolean portalUser =
                who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.USER));
        boolean frontDesk =
                who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.RECEPTIONIST));
        if (portalUser) {
            response.sendRedirect(request.getContextPath() + "/me");
        } else if (frontDesk) {
            response.sendRedirect(request.getContextPath() + "/operator"); // the one page a receptionist has
        } else {
            admins.onAuthenticationSuccess(request, response, who);
        }
    }
}
