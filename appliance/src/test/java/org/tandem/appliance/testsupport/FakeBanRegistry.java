package org.tandem.appliance.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tandem.pbx.security.Ban;
import org.tandem.pbx.security.BanRegistry;

/**
 * An in-memory {@link BanRegistry} with a fixed threshold, so API tests control exactly when an address
 * is banned (the real one belongs to the SIP security feature and is tested there).
 */
public class FakeBanRegistry implements BanRegistry {

    public static final int THRESHOLD = 3;

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    @Override
    public void recordFailure(String address, String what) {
        recorded.add(address + " " + what);
        int n = failures.merge(address, 1, Integer::sum);
        if (n >= THRESHOLD) ban(address, what, n);
    }

    public void ban(String address, String reason, int count) {
        Instant now = Instant.now();
        bans.put(address, new Ban(address, now, now.plus(Duration.ofMinutes(10)), reason, count));
    }

    @Override
    public boolean isBanned(String address) {
        return bans.containsKey(address);
    }

    @Override
    public List<Ban> current() {
        return new ArrayList<>(bans.values());
    }

    @Override
    public boolean unban(String address) {
        failures.remove(address);
        return bans.remove(address) != null;
    }

    @Override
    public List<String> allowList() {
        return List.of();
    }

    /** "address what" per recorded failure, in order. */
    public List<String> recorded() {
        return List.copyOf(recorded);
    }

    public void reset() {
        failures.clear();
        bans.clear();
        recorded.clear();
    }
}
