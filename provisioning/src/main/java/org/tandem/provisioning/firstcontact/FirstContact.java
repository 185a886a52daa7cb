package org.tandem.provisioning.firstcontact;

import java.time.Instant;

/**
 * Where a phone stands before it has proven itself: the last unproven request for its files (if any) and an
 * admin's acceptance (if any).
 *
 * @param waitingSource    address of the last request that proved nothing; null when none came yet
 * @param waitingUserAgent what that request said it is (User-Agent; null over TFTP)
 * @param waitingSince     first such request since the phone was last accepted or proven
 * @param waitingLast      the latest such request
 * @param acceptedSource   the address an admin accepted (null with {@code acceptedUntil} set: any address)
 * @param acceptedUntil    until when the acceptance holds; null = not accepted
 */
public record FirstContact(
        String mac,
        String waitingSource,
        String waitingUserAgent,
        Instant waitingSince,
        Instant waitingLast,
        String acceptedSource,
        Instant acceptedUntil) {

    /** A phone asked and was not admitted: an admin should look at it. */
    public boolean waiting() {
        return waitingSource != null;
    }

    /** An acceptance that still holds at {@code now}. */
    public boolean acceptedAt(Instant now) {
        return acceptedUntil != null && now.isBefore(acceptedUntil);
    }

    /** Whether this acceptance admits a request from {@code source} at {@code now}. */
    public boolean admits(String source, Instant now) {
        return acceptedAt(now) && (acceptedSource == null || acceptedSource.equals(source));
    }
}
