package org.tandem.pbx.auth;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tandem.pbx.concurrent.FlatTable;

/**
 * The highest nonce count seen per nonce (RFC 7616 §3.4.5: the count must grow with every answer that reuses a
 * nonce), kept only as long as the nonce can be valid.
 *
 * <p>The counts live in three tables by the nonce's issue time, each covering one period of a nonce's lifetime plus a
 * minute: every live nonce falls in one of the two newest periods, so the table of the period before those is
 * replaced when a new period starts. All answers to one nonce meet in the same table, whenever they come. It replaced
 * a Caffeine cache with expiry (issue 23): its upkeep (write buffer, timer wheel, eviction) ran on the SIP stripe after
 * every authenticated request and cost more than the map lookup itself.
 *
 * <p>A nonce is known by its sequence number ({@link Nonces#sequenceOf}, unique among the nonces of one
 * {@link Nonces}), and a table is a {@link FlatTable}: a count is two array slots, not a map entry, the nonce's
 * {@code String} and a boxed count that lived for the nonce's lifetime (issue 23: at 4,000 REGISTERs a second those
 * were copied by every young collection until promoted).
 *
 * <p>Bounded like that cache was: a table that reaches {@code maxPerPeriod} nonces is emptied, forgetting their counts
 * (as the cache's eviction forgot the least used), rather than growing without end under a flood of answers.
 */
final class NonceCounts {

    private static final int SLOTS = 3;
    /** The low half of every key: a key is never (0, 0), which {@link FlatTable} keeps for free slots. */
    private static final long SEQUENCE_KEY = 1;

    private record Period(long number, FlatTable counts) {}

    private final AtomicReferenceArray<Period> slots = new AtomicReferenceArray<>(SLOTS);
    private final long periodMs;
    private final int maxPerPeriod;

    /** @param periodMs at least a nonce's lifetime plus the clock skew {@link Nonces} tolerates */
    NonceCounts(long periodMs, int maxPerPeriod) {
        this.periodMs = periodMs;
        this.maxPerPeriod = maxPerPeriod;
    }

    /**
     * Whether {@code nc} is above every count seen for the nonce of {@code sequence} (issued at {@code issuedMs}); if
     * so it is kept.
     */
    boolean accept(long sequence, long issuedMs, long nc) {
        FlatTable counts = counts(Math.floorDiv(issuedMs, periodMs));
        if (counts == null) return false; // older than every period kept: long expired, never valid here
        return counts.raise(sequence, SEQUENCE_KEY, nc);
    }

    private FlatTable counts(long period) {
        int i = (int) Math.floorMod(period, (long) SLOTS);
        while (true) {
            Period p = slots.get(i);
            if (p != null && p.number() == period) return p.counts();
            if (p != null && p.number() > period) return null;
            if (slots.compareAndSet(i, p, new Period(period, new FlatTable(maxPerPeriod))))
                return slots.get(i).counts();
        }
    }
}
