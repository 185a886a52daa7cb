package org.tandem.appliance.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Whether a count of lost work (rejected tasks) grew within the last {@link #WINDOW}: health stays DOWN that long after
 * the last growth, so that a monitor polling every few seconds actually sees a short overload. Counts from before
 * this object existed are history, not current trouble.
 */
final class RecentGrowth {

    static final Duration WINDOW = Duration.ofSeconds(60);

    private final LongSupplier count;
    private final Clock clock;
    private long lastSeen;
    private Instant lastGrowth;

    RecentGrowth(LongSupplier count, Clock clock) {
        this.count = count;
        this.clock = clock;
        this.lastSeen = count.getAsLong();
    }

    /** Reads the count; the instant of its last growth if that lies within the window, else null. */
    synchronized Instant check() {
        Instant now = clock.instant();
        long current = count.getAsLong();
        if (current > lastSeen) {
            lastGrowth = now;
            lastSeen = current;
        }
        return lastGrowth != null && now.isBefore(lastGrowth.plus(WINDOW)) ? lastGrowth : null;
    }

    synchronized long lastSeen() {
        return lastSeen;
    }
}
