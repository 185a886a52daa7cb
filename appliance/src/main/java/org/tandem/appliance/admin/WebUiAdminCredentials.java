package org.tandem.appliance.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.AdminCredentials;

/** The web UI's view of the admin accounts (the UI module cannot see the appliance's classes). */
@Component
class WebUiAdminCredentials implements AdminCredentials {

    private final AdminAccounts accounts;

    WebUiAdminCredentials(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean mustChangePassword(String username) {
        return accounts.find(username).map(AdminAccount::mustChangePassword).orElse(false);
    }

    @Override
    public Optional<String> passwordProblem(String password, Locale locale) {
        return AdminAccounts.passwordRule(password).map(problem -> problem.text(locale));
    }

    @Override
    public void changePassword(String username, String currentPassword, String newPassword) {
        accounts.changePassword(username, currentPassword, newPassword);
    }

    @Override
    public List<Account> accounts() {
        return accounts.list().stream()
                .map(a -> new Account(a.username(), a.role().name(), a.mustChangePassword(), a.createdAt()))
                .toList();
    }

    @Override
    public boolean exists(String username) {
        return accounts.find(username).isPresent();
    }

    @Override
    public void create(String username, String password, String role) {
        accounts.create(username, password, roleNamed(role), true);
    }

    @Override
    public Optional<String> role(String username) {
        return accounts.find(username).map(a -> a.role().name());
    }

    @Override
    public boolean changeRole(String username, String role, String actingUser) {
        return accounts.changeRole(username, roleNamed(role), actingUser);
    }

    @Override
    public boolean resetPassword(String username, String password, String actingUser) {
        return accounts.resetPassword(username, password, actingUser);
    }

    private static AdminRole roleNamed(String name) {
        try {
            return AdminRole.valueOf(name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "admin.role-choice");
        }
    }

    @Override
    public boolean delete(String username, String actingUser) {
        return accounts.delete(username, actingUser);
    }
}
