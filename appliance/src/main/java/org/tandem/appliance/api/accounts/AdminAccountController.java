package org.tandem.appliance.api.accounts;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.admin.AdminAccount;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * {@code /api/v1/admin-accounts}: the accounts of the web UI and the API besides the first admin — another ADMIN, a
 * read-only OPERATOR, the front desk's RECEPTIONIST (issue 15). Creating one is for ADMINs; the password is stored
 * hashed and the account must change it at its first login unless {@code "mustChangePassword": false}.
 */
@RestController
class AdminAccountController {

    record AccountRequest(String username, String password, String role, Boolean mustChangePassword) {}

    record RoleRequest(String role) {}

    record PasswordReset(String password) {}

    record AccountView(String username, String role, boolean mustChangePassword, String createdAt) {

        static AccountView of(AdminAccount a) {
            return new AccountView(
                    a.username(),
                    a.role().name(),
                    a.mustChangePassword(),
                    a.createdAt().toString());
        }
    }

    private final AdminAccounts accounts;

    AdminAccountController(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(path = "/api/v1/admin-accounts", produces = "application/json")
    List<AccountView> list() {
        return accounts.list().stream().map(AccountView::of).toList();
    }

    @PostMapping(path = "/api/v1/admin-accounts", consumes = "application/json", produces = "application/json")
    ResponseEntity<AccountView> create(@RequestBody AccountRequest request) {
        AdminAccount created = accounts.create(
                request.username(),
                request.password(),
                role(request.role()),
                request.mustChangePassword() == null || request.mustChangePassword());
        return ResponseEntity.created(URI.create("/api/v1/admin-accounts/" + created.username()))
                .body(AccountView.of(created));
    }

    /**
     * {@code PUT /api/v1/admin-accounts/{username}/role} with {@code {"role":"OPERATOR"}}: 200 with the account; its
     * web sessions end at their next request. 400 at {@code role} for one's own account or the last ADMIN.
     */
    @PutMapping(
            path = "/api/v1/admin-accounts/{username}/role",
            consumes = "application/json",
            produces = "application/json")
    AccountView changeRole(@PathVariable String username, @RequestBody RoleRequest request, Principal caller) {
        if (!accounts.changeRole(username, role(request.role()), caller == null ? null : caller.getName())) {
            throw new NotFoundException("No admin account " + username + " (GET /api/v1/admin-accounts lists them)");
        }
        return AccountView.of(accounts.find(username).orElseThrow());
    }

    /**
     * {@code PUT /api/v1/admin-accounts/{username}/password} with {@code {"password":"..."}}: another account's new
     * one-time password, which it must change at its next login (204). 400 at {@code password} when it breaks the
     * rules, at {@code username} for one's own account ({@code PUT /api/v1/account/password} with the current one).
     */
    @PutMapping(path = "/api/v1/admin-accounts/{username}/password", consumes = "application/json")
    ResponseEntity<Void> resetPassword(
            @PathVariable String username, @RequestBody PasswordReset request, Principal caller) {
        if (!accounts.resetPassword(username, request.password(), caller == null ? null : caller.getName())) {
            throw new NotFoundException("No admin account " + username + " (GET /api/v1/admin-accounts lists them)");
        }
        return ResponseEntity.noContent().build();
    }

    private static AdminRole role(String name) {
        try {
            return AdminRole.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "admin.role");
        }
    }

    /**
     * {@code DELETE /api/v1/admin-accounts/{username}}: 204; 404 when there is none; 400 for one's own account or
     * the last ADMIN (the reason at field {@code username}).
     */
    @DeleteMapping("/api/v1/admin-accounts/{username}")
    ResponseEntity<Void> delete(@PathVariable String username, Principal caller) {
        if (!accounts.delete(username, caller == null ? null : caller.getName())) {
            throw new NotFoundException("No admin account " + username + " (GET /api/v1/admin-accounts lists them)");
        }
        return ResponseEntity.noContent().build();
    }
}
