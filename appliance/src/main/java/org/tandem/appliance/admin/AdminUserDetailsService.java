package org.tandem.appliance.admin;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Lets Spring Security check logins against the admin accounts. Each account has exactly one role,
 * granted as {@code ROLE_ADMIN} or {@code ROLE_OPERATOR}.
 */
@Component
public class AdminUserDetailsService implements UserDetailsService {

    private final AdminAccounts accounts;

    public AdminUserDetailsService(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        // Unknown names cost the same bcrypt check as known ones (DaoAuthenticationProvider hashes a
        // dummy password), so response time does not reveal which accounts exist.
        AdminAccounts.Login login = accounts.login(username)
                .orElseThrow(() -> new UsernameNotFoundException("no admin account"));
        return User.withUsername(login.account().username()).password(login.passwordHash())
                .roles(login.account().role().name()).build();
    }
}
