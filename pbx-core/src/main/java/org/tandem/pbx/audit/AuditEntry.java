package org.tandem.pbx.audit;

import java.time.Instant;

/**
 * One change.
 *
 * @param at      when (UTC)
 * @param who     the admin account ({@code admin}), an API token ({@code token nightly of admin}) or, for phone
 *                feature codes, the extension that dialled
 * @param action  in plain words: {@code changed user 201}, {@code deleted ring group 600}
 * @param target  what was changed ({@code 201}), when known
 */
public record AuditEntry(long id, Instant at, String who, AuditChannel channel, String action, String target) {}
