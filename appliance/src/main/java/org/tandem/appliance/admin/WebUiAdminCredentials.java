package org.tandem.appliance.admin;

import org.springframework.stereotype.Component;
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
    public java.util.Optional<String> passwordProblem(String password) {
        return AdminAccounts.passwordProblem(password);
    }

    @Override
    public void changePassword(String username, String currentPassword, String newPassword) {
        accounts.changePassword(username, currentPassword, newPassword);
    }
}
