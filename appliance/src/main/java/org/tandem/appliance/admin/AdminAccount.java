package org.tandem.appliance.admin;

import java.time.Instant;

/**
 * A person (or system) who administers the appliance. Never carries the password hash.
 *
 * @param mustChangePassword true while the account still has its generated one-time password; the web
 *                           UI makes the person choose a new one (the API keeps working meanwhile)
 */
public record AdminAccount(String username, AdminRole role, boolean mustChangePassword, Instant createdAt) {}
