package org.tandem.pbx.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.tandem.pbx.security.AllowList;
import org.tandem.pbx.security.AllowListChanged;
import org.tandem.pbx.security.Ban;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.sip.InboundFilter;

/**
 * Bans source addresses that fail authentication too often (fail2ban inside the process), and is the
 * SIP {@link InboundFilter}: requests from a banned address are dropped before any work is spent on
 * them and without an answer, so a scanner cannot even tell a server is there.
 *
 * <p>All state is in memory (a ban does not survive a restart; neither does the attacker's progress).
 * Lookups are O(1) map reads; counting uses per-address {@code compute}, never a global lock.
 */
@Component
public class FailureBans implements BanRegistry, InboundFilter {

    private static final Logger log = LoggerFactory.getLogger(FailureBans.class);
    /** Every so many recorded failures, forget addresses whose failures all left the window. */
    private static final int SWEEP_EVERY = 1024;

    private final SecurityProperties props;
    private final Clock clock;
    private volatile List<AddressMatcher> allowList;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    @Autowired
    public FailureBans(SecurityProperties props, ObjectProvider<Clock> clock, ObjectProvider<AllowList> stored) {
        this(props, clock.getIfAvailable(Clock::systemUTC));
        stored.ifAvailable(a -> allowOnly(a.entries()));
    }

    public FailureBans(SecurityProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
        this.allowList = props.allowList().stream().map(AddressMatcher::parse).toList();
    }

    @Override
    public boolean admit(String sourceAddress) {
        return !isBanned(sourceAddress);
    }

    @Override
    public void recordFailure(String address, String what) {
        if (address == null || address.isEmpty() || allowed(address)) return;
        Instant now = clock.instant();
        Instant windowStart = now.minus(props.failureWindow());
        int[] count = {0};
        failures.compute(address, (a, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && !t.peekFirst().isAfter(windowStart)) t.pollFirst();
            t.addLast(now);
            count[0] = t.size();
            return t;
        });
        if (count[0] >= props.maxFailures()) {
            Ban ban = new Ban(address, now, now.plus(props.banTime()), what, count[0]);
            if (bans.put(address, ban) == null) {
                log.warn("Banned {} until {} after {} authentication failures within {} (last: {}); "
                                + "unban it through the API or add it to the allow-list (Security page)",
                        address, ban.until(), count[0], props.failureWindow(), what);
            }
            failures.remove(address);
        }
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            sweep(windowStart);
        }
    }

    @Override
    public boolean isBanned(String address) {
        Ban ban = address == null ? null : bans.get(address);
        if (ban == null) return false;
        if (ban.until().isAfter(clock.instant())) return true;
        bans.remove(address, ban);
        return false;
    }

    @Override
    public List<Ban> current() {
        Instant now = clock.instant();
        bans.values().removeIf(b -> !b.until().isAfter(now));
        return bans.values().stream().sorted(Comparator.comparing(Ban::bannedAt)).toList();
    }

    @Override
    public boolean unban(String address) {
        failures.remove(address);
        Ban removed = bans.remove(address);
        if (removed != null) log.info("Unbanned {}", address);
        return removed != null && removed.until().isAfter(clock.instant());
    }

    @Override
    public List<String> allowList() {
        return allowList.stream().map(AddressMatcher::toString).toList();
    }

    /** The admin changed the allow-list: it applies from the next failure on, and lifts bans it now covers. */
    @EventListener
    void on(AllowListChanged change) {
        allowOnly(change.entries());
    }

    private void allowOnly(List<String> entries) {
        allowList = entries.stream().map(AddressMatcher::parse).toList();
        for (String address : bans.keySet()) {
            if (allowed(address) && bans.remove(address) != null) {
                log.info("Unbanned {}: it is on the allow-list now", address);
            }
        }
        failures.keySet().removeIf(this::allowed);
    }

    private boolean allowed(String address) {
        for (AddressMatcher m : allowList) {
            if (m.matches(address)) return true;
        }
        return false;
    }

    private void sweep(Instant windowStart) {
        // computeIfPresent: the deques are only ever touched under their map entry's lock
        for (String address : failures.keySet()) {
            failures.computeIfPresent(address, (a, t) -> {
                Instant last = t.peekLast();
                return last == null || !last.isAfter(windowStart) ? null : t;
            });
        }
    }
}
