package org.tandem.pbx.security;

import java.time.Instant;

/**
 * A login name (admin account, portal extension, "conference 851") that refuses every password tried from
 * {@code lastAddress} (an IPv4 address, an IPv6 /64, or a caller) until {@code until}; from elsewhere it works.
 */
public record AccountLockout(String account, Instant lockedAt, Instant until, int failures, String lastAddress) {}
