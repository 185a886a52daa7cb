package org.tandem.operations.backup;

import java.time.Instant;

/**
 * Where a restore is: the phase, a percentage for a progress bar, and a sentence for a person (the
 * refusal reason when {@link Phase#REFUSED}).
 */
public record RestoreProgress(Phase phase, int percent, String message, Instant updatedAt) {

    public enum Phase {
        /** No restore since the appliance started. */
        IDLE,
        /** Reading the whole archive and checking it; nothing is changed yet. */
        VERIFYING,
        /** Unpacking the data-dir files next to the live ones. */
        UNPACKING,
        /** Replacing the database rows (one transaction). */
        RESTORING_DATABASE,
        /** Renaming the restored files into place. */
        SWAPPING_FILES,
        /** The appliance restarts to load the restored database and keys. */
        RESTARTING,
        /** Restored (reported after the restart). */
        DONE,
        /** The archive failed a check; nothing was changed. */
        REFUSED,
        /** Applying failed; the database transaction was rolled back. */
        FAILED;

        public boolean finished() {
            return this == IDLE || this == DONE || this == REFUSED || this == FAILED;
        }
    }

    static RestoreProgress of(Phase phase, int percent, String message) {
        return new RestoreProgress(phase, percent, message, Instant.now());
    }
}
