package org.tandem.appliance.admin.internal;

import java.time.Instant;

/** An {@code admin_account} row. */
public record AdminAccountRow(
        String username, String passwordHash, String role, boolean mustChangePassword, Instant createdAt) {}
