package org.tandem.operations.backup;

import java.time.Instant;

/**
 * How the last scheduled (or "Run now") backup went: when, whether every step worked, and a sentence for a person —
 * what was written and copied, or what failed and what to check.
 */
public record ScheduledBackupOutcome(Instant at, boolean ok, String message) {}
