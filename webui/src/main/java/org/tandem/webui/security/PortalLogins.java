package org.tandem.webui.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.tandem.pbx.directory.WebPasswords;

/**
 * Users log in to the portal with their extension and web password and get the role {@code USER}.
 * Only names that look like extensions (digits) are tried, so admin names (which start with a letter)
 * never reach here. Deliberately not a bean: a bean would join the REST API's logins too; only the
 * UI's chain uses it.
 */
final class PortalLogins implements AuthenticationProvider {

    private final WebPasswords passwords;

    PortalLogins(WebPasswords passwords) {
        this.passwords = passwords;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String extension = login.getName();
        if (extension == null || !extension.matches("[0-9]{2,12}")) return null;
        String password = login.getCredentials() == null ? "" : login.getCredentials().toString();
        if (!passwords.matches(extension, password)) throw new BadCredentialsException("Bad credentials");
        UsernamePasswordAuthenticationToken user = UsernamePasswordAuthenticationToken.authenticated(extension, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.USER)));
        user.setDetails(login.getDetails());
        return user;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
