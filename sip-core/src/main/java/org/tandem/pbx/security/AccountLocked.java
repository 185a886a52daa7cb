package org.tandem.pbx.security;

/** Raised when a login name was locked for one source after too many failed passwords (for the failed-login log). */
public record AccountLocked(AccountLockout lockout) {}
