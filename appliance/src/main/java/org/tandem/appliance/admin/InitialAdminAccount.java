package org.tandem.appliance.admin;

import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tandem.pbx.security.GeneratedPasswords;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Makes sure a fresh appliance can be administered: when no ADMIN account exists, creates {@code admin}
 * with {@code tandem.admin.initial-password}, or with a generated one-time password that the startup
 * banner prints once.
 * Runs once the appliance has fully started (the startup banner calls it): an account created by a start
 * that then failed would carry a generated password nobody ever saw, locking the admin out for good.
 */
@Component
public class InitialAdminAccount {

    public static final String USERNAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(InitialAdminAccount.class);
    /** No 0/O, 1/l/I: the password is read off a console and typed by a person. */
    private final AdminAccounts accounts;

    private final AdminProperties properties;

    public InitialAdminAccount(AdminAccounts accounts, AdminProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /**
     * Creates {@code admin} when no ADMIN account exists.
     *
     * @return the generated password, when one was generated now (it exists nowhere else: print it)
     */
    public synchronized Optional<String> ensureAdmin() {
        if (accounts.anyAdmin()) return Optional.empty();
        boolean generate = properties.initialPassword().isEmpty();
        String password = generate ? generatePassword(new SecureRandom()) : properties.initialPassword();
        try {
            accounts.create(USERNAME, password, AdminRole.ADMIN, generate);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(
                    "tandem.admin.initial-password " + e.fieldErrors().get("password")
                            + "; choose a longer one or leave it empty to have one generated",
                    e);
        } catch (DuplicateException e) {
            // Another appliance sharing this database created it first (HA), or "admin" exists as an
            // OPERATOR: either way an account exists and this start must not print a password.
            log.warn(
                    "No ADMIN account exists but the name '{}' is taken; create an admin with the database "
                            + "tools or give '{}' the ADMIN role",
                    USERNAME,
                    USERNAME);
            return Optional.empty();
        }
        if (generate) {
            log.info(
                    "Created admin account '{}' with a generated one-time password (printed on the console)", USERNAME);
            return Optional.of(password);
        }
        log.info("Created admin account '{}' with the password from tandem.admin.initial-password", USERNAME);
        return Optional.empty();
    }

    /** 20 characters in four groups of five (about 116 bits), easy to read off a console. */
    static String generatePassword(SecureRandom random) {
        return GeneratedPasswords.grouped(random);
    }
}
