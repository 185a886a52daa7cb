package org.tandem.pbx.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.tandem.pbx.security.RateLimitProperties;

/**
 * Counts requests per source scope in fixed windows, like Kamailio's pike module ("sampling_time_unit",
 * "reqs_density_per_unit"), and remembers the sources that authenticated lately, which are not counted. Both
 * tables are bounded, so a flood from many (spoofed) sources costs bounded memory; an evicted counter just
 * starts again. O(1) per request, no lock beyond one map entry's.
 */
final class RequestRates {

    /** A source that authenticated is trusted by the limit this long after its last success (phones re-register well within). */
    static final Duration KNOWN_FOR = Duration.ofHours(1);

    enum Verdict {
        /** Within the limit. */
        PASS,
        /** This request went over the limit: act once (ban, or log the drop). */
        OVER,
        /** Still over the limit in this window: drop. */
        STILL_OVER
    }

    private record Window(long startMs, int count) {}

    private final RateLimitProperties props;
    private final long windowMs;
    private final Cache<String, Window> windows;
    private final Cache<String, Boolean> known;

    RequestRates(RateLimitProperties props) {
        this.props = props;
        this.windowMs = props.window().toMillis();
        this.windows = Caffeine.newBuilder()
                .maximumSize(100_000)
                .executor(Runnable::run)
                .expireAfterWrite(props.window().multipliedBy(2))
                .build();
        this.known = Caffeine.newBuilder()
                .maximumSize(50_000)
                .executor(Runnable::run)
                .expireAfterWrite(KNOWN_FOR)
                .build();
    }

    boolean enabled() {
        return props.enabled();
    }

    RateLimitProperties props() {
        return props;
    }

    boolean isKnown(String scope) {
        return known.getIfPresent(scope) != null;
    }

    void authenticated(String scope) {
        known.put(scope, Boolean.TRUE);
        windows.invalidate(scope);
    }

    Verdict count(String scope, long nowMs) {
        Window w = windows.asMap()
                .compute(
                        scope,
                        (k, old) -> old == null || nowMs - old.startMs() >= windowMs
                                ? new Window(nowMs, 1)
                                : new Window(old.startMs(), old.count() + 1));
        int over = w.count() - props.maxRequests();
        if (over <= 0) return Verdict.PASS;
        return over == 1 ? Verdict.OVER : Verdict.STILL_OVER;
    }

    int countNow(String scope) {
        Window w = windows.getIfPresent(scope);
        return w == null ? 0 : w.count();
    }

    void forget(String scope) {
        windows.invalidate(scope);
    }
}
