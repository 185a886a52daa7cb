package org.tandem.pbx.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.security.AllowList;
import org.tandem.pbx.security.AllowListChanged;
import org.tandem.pbx.security.Ban;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.security.NeverBanned;
import org.tandem.pbx.security.RateLimitProperties;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;

/**
 * Bans source addresses that fail authentication too often (fail2ban inside the process), and is the
 * SIP {@link InboundFilter}: requests from a banned address are dropped before any work is spent on
 * them and without an answer, so a scanner cannot even tell a server is there. It also limits the request rate
 * of sources that have not authenticated ({@link RequestRates}, Kamailio's pike).
 *
 * <p>What counts is up to the reporters: only failures that cannot be spoofed cheaply (issue 22 finding 5; OWASP
 * ASVS 4.0 V2.2.1 — anti-automation must not become a denial of service). Never counted or banned: the allow-list
 * and every {@link NeverBanned} address (trunk providers). IPv6 sources count and are banned per /64
 * ({@link BanScope}). Every ban is logged at WARN with all the reasons that led to it.
 *
 * <p>All state is in memory (a ban does not survive a restart; neither does the attacker's progress).
 * Lookups are O(1) map reads; counting uses per-address {@code compute}, never a global lock.
 */
@Component
public class FailureBans implements BanRegistry, InboundFilter {

    private static final Logger log = LoggerFactory.getLogger(FailureBans.class);
    /** Every so many recorded failures, forget addresses whose failures all left the window. */
    private static final int SWEEP_EVERY = 1024;

    private record Failure(Instant at, String what) {}

    private final SecurityProperties props;
    private final Clock clock;
    private final RequestRates rates;
    private final ObjectProvider<NeverBanned> neverBanned;
    private final ObjectProvider<LocalAddresses> local;
    private volatile List<AddressMatcher> allowList;
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    @Autowired
    public FailureBans(
            SecurityProperties props,
            RateLimitProperties rateLimit,
            ObjectProvider<Clock> clock,
            ObjectProvider<AllowList> stored,
            ObjectProvider<NeverBanned> neverBanned,
            ObjectProvider<LocalAddresses> local) {
        this(props, rateLimit, clock.getIfAvailable(Clock::systemUTC), neverBanned, local);
        stored.ifAvailable(a -> allowOnly(a.entries()));
    }

    public FailureBans(SecurityProperties props, Clock clock) {
        this(props, RateLimitProperties.defaults(), clock, null, null);
    }

    public FailureBans(
            SecurityProperties props,
            RateLimitProperties rateLimit,
            Clock clock,
            ObjectProvider<NeverBanned> neverBanned,
            ObjectProvider<LocalAddresses> local) {
        this.props = props;
        this.clock = clock;
        this.rates = new RequestRates(rateLimit);
        this.neverBanned = neverBanned;
        this.local = local;
        this.allowList = props.allowList().stream().map(AddressMatcher::parse).toList();
    }

    @Override
    public boolean admit(String sourceAddress) {
        return !isBanned(sourceAddress);
    }

    /**
     * Banned sources are dropped; then the rate limit. Sources that authenticated lately are not counted; the
     * exemptions (allow-list, providers, this host) are only looked at once a source goes over the limit.
     */
    @Override
    public boolean admit(String sourceAddress, String transport) {
        String scope = BanScope.of(sourceAddress);
        if (isBannedScope(scope, sourceAddress)) return false;
        if (!rates.enabled() || scope.isEmpty() || rates.isKnown(scope)) return true;
        RequestRates.Verdict v = rates.count(scope, clock.millis());
        if (v == RequestRates.Verdict.PASS) return true;
        if (allowed(sourceAddress) || exemption(sourceAddress) != null || isLocalHost(sourceAddress)) {
            rates.forget(scope);
            return true;
        }
        if (v == RequestRates.Verdict.STILL_OVER) return false;
        String what = rates.props().maxRequests() + " unauthenticated SIP requests within "
                + rates.props().window() + " over " + transport + " (rate limit)";
        if ("udp".equalsIgnoreCase(transport)) {
            // RFC 768 has no handshake: the source may be spoofed, so this never bans (finding 5); drop for the window
            log.warn(
                    "Dropping SIP requests from {} for the rest of {}: more than {}; not banned, as a UDP source "
                            + "can be spoofed",
                    scope,
                    rates.props().window(),
                    what);
        } else {
            ban(scope, Instant.ofEpochMilli(clock.millis()), "more than " + what, rates.countNow(scope));
        }
        return false;
    }

    @Override
    public void recordAuthenticated(String address) {
        if (address != null && !address.isEmpty()) rates.authenticated(BanScope.of(address));
    }

    @Override
    public void recordFailure(String address, String what) {
        if (address == null || address.isEmpty() || allowed(address)) return;
        String exempt = exemption(address);
        if (exempt != null) {
            log.info("Not counting a failure from {} ({}): it is never banned, being the {}", address, what, exempt);
            return;
        }
        String scope = BanScope.of(address);
        Instant now = clock.instant();
        Instant windowStart = now.minus(props.failureWindow());
        Map<String, Integer> reasons = new LinkedHashMap<>();
        failures.compute(scope, (a, times) -> {
            Deque<Failure> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && !t.peekFirst().at().isAfter(windowStart)) t.pollFirst();
            t.addLast(new Failure(now, what));
            for (Failure f : t) reasons.merge(f.what(), 1, Integer::sum);
            return t;
        });
        int count = reasons.values().stream().mapToInt(Integer::intValue).sum();
        if (count >= props.maxFailures()) {
            String why = count + " authentication failures within " + props.failureWindow() + ": "
                    + reasons.entrySet().stream()
                            .map(e -> e.getKey() + " (" + e.getValue() + "x)")
                            .collect(Collectors.joining(", "));
            ban(scope, now, why, count);
            failures.remove(scope);
        }
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            sinceSweep.set(0);
            sweep(windowStart);
        }
    }

    private void ban(String scope, Instant now, String why, int count) {
        Ban ban = new Ban(scope, now, now.plus(props.banTime()), why, count);
        if (bans.put(scope, ban) == null) {
            log.warn(
                    "Banned {} until {} after {}; unban it through the API or add it to the allow-list (Security "
                            + "page)",
                    scope,
                    ban.until(),
                    why);
        }
    }

    @Override
    public boolean isBanned(String address) {
        return address != null && isBannedScope(BanScope.of(address), address);
    }

    private boolean isBannedScope(String scope, String address) {
        Ban ban = bans.get(scope);
        if (ban == null) return false;
        if (ban.until().isAfter(clock.instant())) {
            // rare path, only for a banned scope: an allow-listed address inside a banned /64 still gets in, and
            // an address that became a provider's after its ban is let in at once
            if (allowed(address)) return false;
            String exempt = exemption(address);
            if (exempt == null) return true;
            if (scope.equals(address) && bans.remove(scope, ban))
                log.info("Unbanned {}: it is the {} now", scope, exempt);
            return false;
        }
        bans.remove(scope, ban);
        return false;
    }

    @Override
    public List<Ban> current() {
        Instant now = clock.instant();
        bans.values().removeIf(b -> !b.until().isAfter(now));
        return bans.values().stream()
                .sorted(Comparator.comparing(Ban::bannedAt))
                .toList();
    }

    /** {@code address} may be the banned address, its /64 as listed, or any address inside that /64. */
    @Override
    public boolean unban(String address) {
        String scope = BanScope.of(address);
        failures.remove(scope);
        rates.forget(scope);
        Ban removed = bans.remove(scope);
        if (removed != null) log.info("Unbanned {}", scope);
        return removed != null && removed.until().isAfter(clock.instant());
    }

    @Override
    public List<String> allowList() {
        return allowList.stream().map(AddressMatcher::toString).toList();
    }

    @Override
    public boolean allowListed(String address) {
        return address != null && allowed(address);
    }

    /** The admin changed the allow-list: it applies from the next failure on, and lifts bans it now covers. */
    @EventListener
    void on(AllowListChanged change) {
        allowOnly(change.entries());
    }

    private void allowOnly(List<String> entries) {
        allowList = entries.stream().map(AddressMatcher::parse).toList();
        for (String scope : bans.keySet()) {
            if (allowed(scope) && bans.remove(scope) != null) {
                log.info("Unbanned {}: it is on the allow-list now", scope);
            }
        }
        failures.keySet().removeIf(this::allowed);
    }

    /** A scope is allowed when its address (or the first address of its /64) is on the list. */
    private boolean allowed(String address) {
        String a = address.endsWith("/64") ? address.substring(0, address.length() - 3) : address;
        for (AddressMatcher m : allowList) {
            if (m.matches(a)) return true;
        }
        return false;
    }

    /** Why {@code address} is never banned (a trunk's provider), or null. */
    private String exemption(String address) {
        if (neverBanned == null) return null;
        String a = address.endsWith("/64") ? address.substring(0, address.length() - 3) : address;
        for (NeverBanned n : neverBanned) {
            Optional<String> why = n.why(a);
            if (why.isPresent()) return why.get();
        }
        return null;
    }

    /** This host's own addresses are not rate-limited (Kamailio: {@code if (src_ip != myself) pike_check_req()}). */
    private boolean isLocalHost(String address) {
        LocalAddresses l = local == null ? null : local.getIfAvailable();
        return l != null && l.isLocalHost(address);
    }

    private void sweep(Instant windowStart) {
        // computeIfPresent: the deques are only ever touched under their map entry's lock
        for (String scope : failures.keySet()) {
            failures.computeIfPresent(scope, (a, t) -> {
                Failure last = t.peekLast();
                return last == null || !last.at().isAfter(windowStart) ? null : t;
            });
        }
    }
}
