package org.tandem.media.stun.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source IP (not per port: one host cannot multiply its budget by using many ports), so the STUN
 * server cannot be used to flood a victim whose address an attacker spoofs (RFC 5389 §16.1.3 on amplification): each
 * source gets {@code ratePerSecond} answers a second with bursts up to {@code burst}. At most {@code maxSources}
 * buckets are kept; the least recently seen source is forgotten first (it starts again with a full bucket, which
 * costs at most one burst). Not thread-safe: the one receive thread owns it.
 */
public final class SourceRateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Bucket> buckets;

    public SourceRateLimiter(int ratePerSecond, int burst, int maxSources, LongSupplier nanoClock) {
        if (ratePerSecond < 1 || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("rate, burst and maxSources must be positive");
        }
        this.ratePerNano = (double) ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token from {@code source}'s bucket: true when it had one (answer), false when empty (drop). */
    public boolean tryAcquire(InetAddress source) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            buckets.put(source, bucket);
        } else {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * ratePerNano);
            bucket.refilledAt = now;
        }
        if (bucket.tokens < 1) return false;
        bucket.tokens -= 1;
        return true;
    }

    /** Sources remembered now (at most maxSources). */
    public int trackedSources() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
