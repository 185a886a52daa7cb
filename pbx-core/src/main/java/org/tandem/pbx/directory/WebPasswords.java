package org.tandem.pbx.directory;

import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.directory.internal.UserRepository;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Users' web passwords for the self-service portal (and XCAP): set and changed here (the hash in the user's row),
 * hashed and checked by the one store of web passwords, {@link WebCredentials}, which admin accounts' logins use too.
 */
@Service
public class WebPasswords {

    private final UserRepository repository;
    private final UserDirectory users;
    private final WebCredentials credentials;

    public WebPasswords(UserRepository repository, UserDirectory users, WebCredentials credentials) {
        this.repository = repository;
        this.users = users;
        this.credentials = credentials;
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
        return repository.updateWebPasswordHash(extension, credentials.hash(password)) > 0;
    }

    /**
     * The user's own change: only with the current web password (OWASP ASVS 4.0.3 V2.1.6), so a session left
     * open is not enough to take the portal account over; a wrong one counts towards the lockout of the extension,
     * as a wrong admin password does.
     *
     * @throws InvalidInputException with {@code currentPassword} when it is wrong, {@code webPassword} when the
     *                               new one breaks the rules
     */
    public boolean change(String extension, String currentPassword, String password) {
        if (currentPassword == null
                || currentPassword.isEmpty()
                || !credentials.verifyCurrent(extension, currentPassword)) {
            throw new InvalidInputException("currentPassword", "password.not-current");
        }
        if (currentPassword.equals(password)) {
            throw new InvalidInputException("webPassword", "password.same-as-current");
        }
        return set(extension, password);
    }

    /** What is wrong with {@code password} as a web password, if anything. */
    public static Optional<FieldError> problem(String password) {
        return WebCredentials.passwordRule(password);
    }

    /** True when the user exists, has a web password, and {@code password} is it (counts nothing: not for logins). */
    public boolean matches(String extension, String password) {
        return users.exists(extension) && credentials.matches(extension, password);
    }

    public boolean isSet(String extension) {
        return users.exists(extension) && repository.webPasswordHash(extension) != null;
    }
}
