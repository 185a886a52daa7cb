package org.tandem.appliance.api.accounts;

import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.admin.AdminAccount;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The caller's own admin account: {@code GET /api/v1/account}, and {@code PUT /api/v1/account/password}
 * with {@code {"currentPassword":"...","password":"..."}} to replace a generated one-time password (any role
 * may change its own password; the only call an account with its one-time password may make besides the GET).
 */
@RestController
@RequestMapping(path = "/api/v1/account", produces = "application/json")
public class AccountController {

    /** Body of the password change: the current password too (OWASP ASVS 4.0.3 V2.1.6). */
    public record PasswordChange(String currentPassword, String password) {}

    private final AdminAccounts accounts;

    public AccountController(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    public AdminAccount me(Principal principal) {
        return accounts.find(principal.getName()).orElseThrow(() -> gone(principal));
    }

    @PutMapping(path = "/password", consumes = "application/json")
    public ResponseEntity<Void> changePassword(Principal principal, @RequestBody PasswordChange change) {
        if (change.password() == null) throw new InvalidInputException("password", "common.required");
        if (!accounts.changePassword(principal.getName(), change.currentPassword(), change.password())) {
            throw gone(principal);
        }
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException gone(Principal principal) {
        return new NotFoundException("The account " + principal.getName() + " was deleted while you were using it");
    }
}
