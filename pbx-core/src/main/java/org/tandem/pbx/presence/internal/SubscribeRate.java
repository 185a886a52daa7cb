package org.tandem.pbx.presence.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Counts dialog SUBSCRIBEs per source address in fixed windows (like the security feature's pike-like limit, which
 * leaves out sources that authenticated: a phone that is a user may still flood). Bounded memory; O(1) per request.
 */
final class SubscribeRate {

    private record Window(long startMs, int count) {}

    private final int limit;
    private final long windowMs;
    private final Cache<String, Window> windows;

    SubscribeRate(int limit, Duration window) {
        this.limit = limit;
        this.windowMs = window.toMillis();
        this.windows = Caffeine.newBuilder()
                .maximumSize(50_000)
                .executor(Runnable::run)
                .expireAfterWrite(window.multipliedBy(2))
                .build();
    }

    /** Counts one SUBSCRIBE from {@code source}; false when it is over the limit in this window. */
    boolean admit(String source, long nowMs) {
        Window w = windows.asMap()
                .compute(
                        source,
                        (k, old) -> old == null || nowMs - old.startMs() >= windowMs
                                ? new Window(nowMs, 1)
                                : new Window(old.startMs(), old.count() + 1));
        return w.count() <= limit;
    }

    /** Seconds until {@code source}'s window ends, for Retry-After. */
    int retryAfter(String source, long nowMs) {
        Window w = windows.getIfPresent(source);
        return w == null ? 1 : (int) Math.max(1, (w.startMs() + windowMs - nowMs + 999) / 1000);
    }
}
