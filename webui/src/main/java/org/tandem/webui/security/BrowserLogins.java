package org.tandem.webui.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.credentials.WebCredentials.Door;

/**
 * The login form's check: admin accounts (role ADMIN, OPERATOR or RECEPTIONIST) and users, who log in to the portal
 * with their extension and web password (role {@link Roles#USER}). Both are checked by the one store of web
 * passwords, which the REST API's logins use too: the same lockout per name and source, the same bans, the same
 * failed-login list, and the same answer for a wrong password, an unknown name and a locked one.
 */
final class BrowserLogins implements AuthenticationManager {

    private final WebCredentials credentials;

    BrowserLogins(WebCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String source = login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "?";
        String password =
                login.getCredentials() == null ? "" : login.getCredentials().toString();
        return credentials
                .login(Door.BROWSER, login.getName(), password, source)
                .map(who -> {
                    UsernamePasswordAuthenticationToken session = UsernamePasswordAuthenticationToken.authenticated(
                            who.name(), null, List.of(new SimpleGrantedAuthority("ROLE_" + who.role())));
                    session.setDetails(login.getDetails());
                    return (Authentication) session;
                })
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    }
}
