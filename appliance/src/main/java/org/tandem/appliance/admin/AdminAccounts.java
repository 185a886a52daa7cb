package org.tandem.appliance.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.tandem.appliance.admin.internal.AdminAccountRepository;
import org.tandem.appliance.admin.internal.AdminAccountRow;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The accounts that may administer the appliance. Passwords are stored only as bcrypt hashes: unlike
 * SIP secrets, nothing ever needs them back in clear.
 */
@Service
public class AdminAccounts {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
    static final int MIN_PASSWORD = 8;
    /** bcrypt only reads the first 72 bytes; longer input would silently be truncated. */
    static final int MAX_PASSWORD = 72;

    private final AdminAccountRepository repository;
    private final PasswordEncoder encoder;
    private final AccountLockouts lockouts;

    public AdminAccounts(AdminAccountRepository repository, PasswordEncoder adminPasswordEncoder,
                         AccountLockouts lockouts) {
        this.repository = repository;
        this.encoder = adminPasswordEncoder;
        this.lockouts = lockouts;
    }

    /**
     * @throws InvalidInputException when the username or password breaks the rules
     * @throws DuplicateException    when the username is taken
     */
    public AdminAccount create(String username, String password, AdminRole role, boolean mustChangePassword) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.put("username", "must be 2 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        passwordRule(password).ifPresent(message -> errors.put("password", message));
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        AdminAccountRow row = new AdminAccountRow(username, encoder.encode(password), role.name(), mustChangePassword,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            repository.insert(row);
        } catch (DuplicateKeyException e) {
            throw new DuplicateException("Admin account " + username + " already exists");
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
        Map<String, String> errors = new LinkedHashMap<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.put("currentPassword", "is required: your current password");
        } else if (lockouts.isLocked(username) || !encoder.matches(currentPassword, row.get().passwordHash())) {
            lockouts.recordFailure(username, "password change");
            errors.put("currentPassword", "is not your current password");
        }
        passwordRule(newPassword).ifPresent(message -> errors.put("password", message));
        // a one-time password was printed on the console (and may be in a log) or chosen by another admin: keeping
        // it would keep it valid
        if (!errors.containsKey("password") && encoder.matches(newPassword, row.get().passwordHash())) {
            errors.put("password", row.get().mustChangePassword()
                    ? "must differ from the one-time password: someone else has seen that one"
                    : "must differ from your current password");
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return repository.updatePassword(username, encoder.encode(newPassword), false) > 0;
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
            throw new InvalidInputException(Map.of("username", "is your own account: another admin can delete it"));
        }
        if (AdminRole.ADMIN.name().equals(row.get().role()) && repository.countByRole(AdminRole.ADMIN.name()) <= 1) {
            throw new InvalidInputException(Map.of("username",
                    "is the last admin account: create another admin first, or nobody could change the settings"));
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
            throw new InvalidInputException(Map.of("role", "is your own: another admin can change it"));
        }
        if (AdminRole.ADMIN.name().equals(row.get().role()) && repository.countByRole(AdminRole.ADMIN.name()) <= 1) {
            throw new InvalidInputException(Map.of("role",
                    "stays Admin: this is the last admin account, and nobody could change the settings without one"));
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
            throw new InvalidInputException(Map.of("username",
                    "is your own account: change your password with your current one (Change password)"));
        }
        Optional<String> problem = passwordRule(password);
        if (problem.isPresent()) throw new InvalidInputException(Map.of("password", problem.get()));
        boolean done = repository.updatePassword(username, encoder.encode(password), true) > 0;
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

    /** The account with its bcrypt hash, for the login check only. */
    record Login(AdminAccount account, String passwordHash) {
    }

    Optional<Login> login(String username) {
        return repository.find(username).map(r -> new Login(toAccount(r), r.passwordHash()));
    }

    /** What is wrong with {@code password} as an admin password, if anything. */
    public static Optional<String> passwordProblem(String password) {
        return passwordRule(password);
    }

    static Optional<String> passwordRule(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return Optional.of("must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD) {
            return Optional.of("must be at most " + MAX_PASSWORD + " bytes");
        }
        return Optional.empty();
    }

    private static AdminAccount toAccount(AdminAccountRow r) {
        return new AdminAccount(r.username(), AdminRole.valueOf(r.role()), r.mustChangePassword(), r.createdAt());
    }
}
