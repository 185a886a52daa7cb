package org.tandem.pbx.timecondition;

import java.time.Instant;

/**
 * A day/night override of a time condition: calls go to its open ({@code forcedOpen}) or closed destination
 * whatever the schedule says, until {@code until} (the schedule's next change, so the office returns to its
 * hours by itself) or, when {@code until} is null, until someone switches it back.
 *
 * @param setBy who set it: an admin account, an API token or the extension that dialled the feature code
 */
public record TimeConditionOverride(String condition, boolean forcedOpen, Instant until, String setBy, Instant setAt) {

    /** Whether it still holds at {@code now}. */
    public boolean holdsAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
