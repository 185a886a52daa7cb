package org.tandem.pbx.directory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.tandem.pbx.directory.internal.UserRepository;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Users' web passwords for the self-service portal: bcrypt hashes in the database, checked on login
 * (a browser login, never on the SIP path, so reading the database here is fine).
 */
@Service
public class WebPasswords {

    static final int MIN = 8;
    /** bcrypt reads only 72 bytes; longer input would silently be cut. */
    static final int MAX_BYTES = 72;
    /**
     * A valid hash (bcrypt's default cost, 10, as {@link #bcrypt}'s) that matches nothing, so unknown users cost the
     * same bcrypt check as known ones. A constant rather than one made at class load: hashing is ~0.1 s of CPU on
     * every cold start (issue 23). It was made from 32 random bytes nobody kept; and a match would change nothing,
     * {@link #matches} answers false for an unknown user whatever the check says.
     */
    static final String NO_MATCH = "$2a$10$vIRAXZIaBzTcGMOrXDaV4uDnAx9vuuyUKiBRlxkXBisiu7ELNg3Mu";

    private final UserRepository repository;
    private final UserDirectory users;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    public WebPasswords(UserRepository repository, UserDirectory users) {
        this.repository = repository;
        this.users = users;
    }

    /**
     * Sets (or replaces) the user's web password.
     *
     * @return false when there is no such user
     * @throws InvalidInputException with field {@code webPassword} when the password breaks the rules
     */
    public boolean set(String extension, String password) {
        problem(password).ifPresent(error -> {
            throw InvalidInputException.of(Map.of("webPassword", error));
        });
        if (!users.exists(extension)) return false;
        return repository.updateWebPasswordHash(extension, bcrypt.encode(password)) > 0;
    }

    /**
     * The user's own change: only with the current web password (OWASP ASVS 4.0.3 V2.1.6), so a session left
     * open is not enough to take the portal account over.
     *
     * @throws InvalidInputException with {@code currentPassword} when it is wrong, {@code webPassword} when the
     *                               new one breaks the rules
     */
    public boolean change(String extension, String currentPassword, String password) {
        if (currentPassword == null || currentPassword.isEmpty() || !matches(extension, currentPassword)) {
            throw new InvalidInputException("currentPassword", "password.not-current");
        }
        if (currentPassword.equals(password)) {
            throw new InvalidInputException("webPassword", "password.same-as-current");
        }
        return set(extension, password);
    }

    /** What is wrong with {@code password} as a web password, if anything. */
    public static Optional<FieldError> problem(String password) {
        if (password == null || password.length() < MIN) return Optional.of(FieldError.of("password.too-short", MIN));
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(FieldError.of("password.too-long", MAX_BYTES));
        }
        return Optional.empty();
    }

    /** True when the user exists, has a web password, and {@code password} is it. */
    public boolean matches(String extension, String password) {
        String hash = users.exists(extension) ? repository.webPasswordHash(extension) : null;
        boolean ok = bcrypt.matches(password == null ? "" : password, hash == null ? NO_MATCH : hash);
        return ok && hash != null;
    }

    public boolean isSet(String extension) {
        return users.exists(extension) && repository.webPasswordHash(extension) != null;
    }
}
