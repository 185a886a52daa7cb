package org.tandem.pbx.security;

import java.time.Instant;

/** A source address whose requests are dropped until {@code until}. */
public record Ban(String address, Instant bannedAt, Instant until, String reason, int failures) {}
