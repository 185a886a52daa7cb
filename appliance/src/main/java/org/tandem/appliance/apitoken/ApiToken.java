package org.tandem.appliance.apitoken;

import java.time.Instant;
import org.tandem.appliance.admin.AdminRole;

/**
 * An API token as anyone may see it: never the token itself, which is shown once, when it is created.
 *
 * @param owner the admin account the token acts as (with at most {@code role})
 */
public record ApiToken(String id, String name, AdminRole role, String owner, Instant createdAt, Instant lastUsedAt) {}
