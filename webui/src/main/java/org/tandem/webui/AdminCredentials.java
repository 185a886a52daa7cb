package org.tandem.webui;

/**
 * What the UI needs of the admin accounts (which live in the appliance: dependencies point appliance →
 * webui → pbx-core, so the appliance implements this port). Logins themselves go through Spring
 * Security's {@code UserDetailsService}.
 */
public interface AdminCredentials {

    /** True while the account still has its generated one-time password. */
    boolean mustChangePassword(String username);

    /**
     * Sets the password the person chose and clears the must-change flag, once {@code currentPassword} is right.
     *
     * @throws org.tandem.pbx.directory.InvalidInputException with field {@code currentPassword} when it is wrong,
     *                                                        {@code password} when the new one breaks the rules
     */
    void changePassword(String username, String currentPassword, String newPassword);

    /** What is wrong with {@code password} as an admin password (too short, too long), if anything. */
    java.util.Optional<String> passwordProblem(String password);
}
