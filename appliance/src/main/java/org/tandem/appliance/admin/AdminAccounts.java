package org.tandem.appliance.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.tandem.appliance.admin.internal.AdminAccountRepository;
import org.tandem.appliance.admin.internal.AdminAccountRow;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The accounts that may administer the appliance. Passwords are stored only as bcrypt hashes (unlike SIP secrets,
 * nothing ever needs them back in clear), made and checked by the one store of web passwords, {@link WebCredentials},
 * which the web UI's and the REST API's logins go through.
 */
@Service
public class AdminAccounts {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

    private final AdminAccountRepository repository;
    private final WebCredentials credentials;
    private final AccountLockouts lockouts;

    public AdminAccounts(AdminAccountRepository repository, WebCredentials credentials, AccountLockouts lockouts) {
        this.repository = repository;
        this.credentials = credentials;
        this.lockouts = lockouts;
    }

    /**
     * @throws InvalidInputException when the username or password breaks the rules
     * @throws DuplicateException    when the username is taken
     */
    public AdminAccount create(String username, String password, AdminRole role, boolean mustChangePassword) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.put("username", FieldError.of("admin.username"));
        }
        passwordRule(password).ifPresent(error -> errors.put("password", error));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        AdminAccountRow row = new AdminAccountRow(
                username,
                credentials.hash(password),
                role.name(),
                mustChangePassword,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            repository.insert(row);
        } catch (DuplicateKeyException e) {
            throw new DuplicateException("duplicate.admin-account", username);
        }
        return toAccount(row);
    }

    /**
     * Sets a password the person chose, once they gave the current one (OWASP ASVS 4.0.3 V2.1.6: a session
     * left open, or stolen, must not be enough to take the account over); the account no longer needs a change.
     * A wrong current password counts towards the account's lockout like a failed login.
     *
     * @return false when there is no such account
     * @throws InvalidInputException with {@code currentPassword} and/or {@code password}
     */
    public boolean changePassword(String username, String currentPassword, String newPassword) {
        Optional<AdminAccountRow> row = repository.find(username);
        if (row.isEmpty()) return false;
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.put("currentPassword", FieldError.of("password.current-required"));
        } else if (!credentials.verifyCurrent(username, currentPassword)) {
            errors.put("currentPassword", FieldError.of("password.not-current"));
        }
        passwordRule(newPassword).ifPresent(error -> errors.put("password", error));
        // a one-time password was printed on the console (and may be in a log) or chosen by another admin: keeping
        // it would keep it valid
        if (!errors.containsKey("password") && credentials.matches(username, newPassword)) {
            errors.put(
                    "password",
                    FieldError.of(
                            row.get().mustChangePassword() ? "password.same-as-one-time" : "password.same-as-current"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return repository.updatePassword(username, credentials.hash(newPassword), false) > 0;
    }

    /**
     * Deletes an account (its web sessions end at their next request, its API logins at once).
     *
     * @param actingUser who deletes it: never their own account (another admin must), never the last ADMIN
     * @return false when there is no such account
     * @throws InvalidInputException with field {@code username} saying why not
     */
    public synchronized boolean delete(String username, String actingUser) {
        Optional<AdminAccountRow> row = repository.find(username);
        if (row.isEmpty()) return false;
        if (username.equals(actingUser)) {
            throw new InvalidInputException("username", "admin.delete-own");
        }
        if (AdminRole.ADMIN.name().equals(row.get().role()) && repository.countByRole(AdminRole.ADMIN.name()) <= 1) {
            throw new InvalidInputException("username", "admin.delete-last");
        }
        return repository.delete(username) > 0;
    }

    /**
     * Gives another account a new role (issue 17). Its open web sessions end at their next request, so they never
     * act with the old role; its API tokens act with at most the new one ({@code ApiTokens#authenticate}).
     *
     * @param actingUser who changes it: never their own role (another admin must), never the last ADMIN's
     * @return false when there is no such account
     * @throws InvalidInputException with field {@code role} saying why not
     */
    public synchronized boolean changeRole(String username, AdminRole role, String actingUser) {
        Optional<AdminAccountRow> row = repository.find(username);
        if (row.isEmpty()) return false;
        if (row.get().role().equals(role.name())) return true;
        if (username.equals(actingUser)) {
            throw new InvalidInputException("role", "admin.role-own");
        }
        if (AdminRole.ADMIN.name().equals(row.get().role()) && repository.countByRole(AdminRole.ADMIN.name()) <= 1) {
            throw new InvalidInputException("role", "admin.role-last");
        }
        return repository.updateRole(username, role.name()) > 0;
    }

    /**
     * Sets a one-time password on another account (its owner forgot theirs, or left): the account must choose its
     * own at its next login, and a lockout of the name is lifted. One's own password is changed with the current
     * one instead ({@link #changePassword}).
     *
     * @return false when there is no such account
     * @throws InvalidInputException with field {@code password} (too short, too long) or {@code username} (one's own)
     */
    public boolean resetPassword(String username, String password, String actingUser) {
        Optional<AdminAccountRow> row = repository.find(username);
        if (row.isEmpty()) return false;
        if (username.equals(actingUser)) {
            throw new InvalidInputException("username", "admin.reset-own");
        }
        Optional<FieldError> problem = passwordRule(password);
        if (problem.isPresent()) throw InvalidInputException.of(Map.of("password", problem.get()));
        boolean done = repository.updatePassword(username, credentials.hash(password), true) > 0;
        if (done) lockouts.unlock(username);
        return done;
    }

    public Optional<AdminAccount> find(String username) {
        return repository.find(username).map(AdminAccounts::toAccount);
    }

    public List<AdminAccount> list() {
        return repository.findAll().stream().map(AdminAccounts::toAccount).toList();
    }

    /** True when at least one account can change things (so the first start need not create one). */
    public boolean anyAdmin() {
        return repository.countByRole(AdminRole.ADMIN.name()) > 0;
    }

    /** What is wrong with {@code password} as an admin password, if anything. */
    public static Optional<String> passwordProblem(String password) {
        return passwordRule(password).map(FieldError::text);
    }

    static Optional<FieldError> passwordRule(String password) {
        return WebCredentials.passwordRule(password);
    }

    private static AdminAccount toAccount(AdminAccountRow r) {
        return new AdminAccount(r.username(), AdminRole.valueOf(r.role()), r.mustChangePassword(), r.createdAt());
    }
}
