package org.tandem.webui;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the UI needs of the admin accounts (which live in the appliance: dependencies point appliance →
 * webui → pbx-core, so the appliance implements this port). Logins themselves go through pbx-core's store of web
 * passwords, {@code credentials.WebCredentials}, as the REST API's do.
 */
public interface AdminCredentials {

    /** True while the account still has its generated one-time password. */
    boolean mustChangePassword(String username);

    /**
     * Sets the password the person chose and clears the must-change flag, once {@code currentPassword} is right.
     *
     * @throws org.tandem.pbx.validation.InvalidInputException with field {@code currentPassword} when it is wrong,
     *                                                        {@code password} when the new one breaks the rules
     */
    void changePassword(String username, String currentPassword, String newPassword);

    /** What is wrong with {@code password} as an admin password (too short, too long), if anything, in {@code locale}. */
    Optional<String> passwordProblem(String password, Locale locale);

    /** An account of the web UI and the API, as the accounts page lists it. */
    record Account(String username, String role, boolean mustChangePassword, Instant createdAt) {}

    /** Every admin account (ADMIN, OPERATOR, RECEPTIONIST), by name. */
    List<Account> accounts();

    /** Whether the account exists (a deleted one's web sessions end). */
    boolean exists(String username);

    /**
     * A new account with a one-time password it must change at its first login.
     *
     * @throws org.tandem.pbx.validation.InvalidInputException with fields {@code username}, {@code password},
     *                                                        {@code role}
     * @throws org.tandem.pbx.validation.DuplicateException    when the name is taken
     */
    void create(String username, String password, String role);

    /**
     * @return false when there is no such account
     * @throws org.tandem.pbx.validation.InvalidInputException (field {@code username}) for one's own account or the
     *                                                        last ADMIN
     */
    boolean delete(String username, String actingUser);

    /** The account's role (ADMIN, OPERATOR, RECEPTIONIST), empty when there is no such account. */
    Optional<String> role(String username);

    /**
     * Gives another account a new role; its open sessions end at their next request.
     *
     * @return false when there is no such account
     * @throws org.tandem.pbx.validation.InvalidInputException (field {@code role}) for one's own account, the last
     *                                                        ADMIN, or an unknown role
     */
    boolean changeRole(String username, String role, String actingUser);

    /**
     * Gives another account a one-time password it must change at its next login.
     *
     * @return false when there is no such account
     * @throws org.tandem.pbx.validation.InvalidInputException with field {@code password} (breaks the rules) or
     *                                                        {@code username} (one's own account)
     */
    boolean resetPassword(String username, String password, String actingUser);
}
