package org.tandem.pbx.security;

import java.time.Instant;

/** A login name (admin account or portal extension) that refuses every password until {@code until}. */
public record AccountLockout(String account, Instant lockedAt, Instant until, int failures, String lastAddress) {
}
