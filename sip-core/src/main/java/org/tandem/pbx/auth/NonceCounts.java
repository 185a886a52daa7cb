package org.tandem.pbx.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The highest nonce count seen per nonce (RFC 7616 §3.4.5: the count must grow with every answer that reuses a
 * nonce), kept only as long as the nonce can be valid.
 *
 * <p>The counts live in three maps by the nonce's issue time, each covering one period of a nonce's lifetime plus a
 * minute: every live nonce falls in one of the two newest periods, so the map of the period before those is emptied
 * (replaced) when a new period starts. All answers to one nonce meet in the same map, whenever they come. It replaced
 * a Caffeine cache with expiry (issue 23): its upkeep (write buffer, timer wheel, eviction) ran on the SIP stripe after
 * every authenticated request and cost more than the map lookup itself.
 *
 * <p>Bounded like that cache was: a map that reaches {@code maxPerPeriod} nonces is emptied, forgetting their counts
 * (as the cache's eviction forgot the least used), rather than growing without end under a flood of answers.
 */
final class NonceCounts {

    private static final int SLOTS = 3;

    private record Period(long number, Map<String, Long> counts) {}

    private final AtomicReferenceArray<Period> slots = new AtomicReferenceArray<>(SLOTS);
    private final long periodMs;
    private final int maxPerPeriod;

    /** @param periodMs at least a nonce's lifetime plus the clock skew {@link Nonces} tolerates */
    NonceCounts(long periodMs, int maxPerPeriod) {
        this.periodMs = periodMs;
        this.maxPerPeriod = maxPerPeriod;
    }

    /** Whether {@code nc} is above every count seen for {@code nonce} (issued at {@code issuedMs}); if so it is kept. */
    boolean accept(String nonce, long issuedMs, long nc) {
        Map<String, Long> counts = counts(Math.floorDiv(issuedMs, periodMs));
        if (counts == null) return false; // older than every period kept: long expired, never valid here
        if (counts.size() >= maxPerPeriod && !counts.containsKey(nonce)) counts.clear();
        boolean[] accepted = {false};
        counts.compute(nonce, (k, last) -> {
            if (last != null && nc <= last) return last;
            accepted[0] = true;
            return nc;
        });
        return accepted[0];
    }

    private Map<String, Long> counts(long period) {
        int i = (int) Math.floorMod(period, (long) SLOTS);
        while (true) {
            Period p = slots.get(i);
            if (p != null && p.number() == period) return p.counts();
            if (p != null && p.number() > period) return null;
            if (slots.compareAndSet(i, p, new Period(period, new ConcurrentHashMap<>())))
                return slots.get(i).counts();
        }
    }
}
