package org.tandem.provisioning.serving.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the distinct MACs each source address asks for without proving to be that phone. A phone asks
 * for its own MAC's files; a source asking for many MACs is scanning for configurations, and each MAC
 * beyond the limit is reported as a failed login (so the ban registry bans the source).
 */
public final class ScanGuard {

    private static final int MAX_SOURCES = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Map<String, Instant>> seen = new ConcurrentHashMap<>();

    public ScanGuard(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Notes that {@code source} asked for {@code mac}; false when it is over the limit. */
    public boolean admit(String source, String mac) {
        Instant now = clock.instant();
        // bounded memory: past this many sources (a distributed scan) start counting afresh
        if (seen.size() > MAX_SOURCES) seen.clear();
        boolean[] admitted = {true};
        seen.compute(source, (s, macs) -> {
            Map<String, Instant> m = macs == null ? new LinkedHashMap<>() : macs;
            m.values().removeIf(t -> t.isBefore(now.minus(window)));
            if (!m.containsKey(mac) && m.size() >= limit) {
                admitted[0] = false;
            } else {
                m.put(mac, now);
            }
            return m;
        });
        return admitted[0];
    }
}
