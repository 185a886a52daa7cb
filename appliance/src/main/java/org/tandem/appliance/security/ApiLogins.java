package org.tandem.appliance.security;

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
 * The REST API's HTTP Basic logins: admin accounts only, checked by the one store of web passwords, which also locks,
 * bans and logs; so a wrong password, an unknown name, a user's extension and a locked name all get the same 401.
 */
final class ApiLogins implements AuthenticationManager {

    private final WebCredentials credentials;

    ApiLogins(WebCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String source = login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "?";
        String password =
                login.getCredentials() == null ? "" : login.getCredentials().toString();
        return credentials
                .login(Door.API, login.getName(), password, source)
                .map(who -> {
                    UsernamePasswordAuthenticationToken admin = UsernamePasswordAuthenticationToken.authenticated(
                            who.name(), null, List.of(new SimpleGrantedAuthority("ROLE_" + who.role())));
                    admin.setDetails(login.getDetails());
                    return (Authentication) admin;
                })
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    }
}
