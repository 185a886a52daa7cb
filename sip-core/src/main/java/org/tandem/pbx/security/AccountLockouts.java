package org.tandem.pbx.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.tandem.pbx.security.internal.BanScope;

/**
 * Lockout of web and API logins (and conference PINs): after {@link LockoutProperties#maxFailures()} failed
 * passwords for one login name <em>from one source</em> within the window, that name refuses every password from
 * that source for {@link LockoutProperties#lockTime()}, doubling with each further lock up to
 * {@link LockoutProperties#maxLockTime()} (OWASP ASVS 4.0 V2.2.1, OWASP Authentication Cheat Sheet "Account
 * Lockout": lock per source with back-off, so the lockout cannot be turned against the account's owner).
 * Issue 22 finding 4: a lock per name alone let anyone lock {@code admin} out, the right password included.
 *
 * <p>A login from an allow-listed address is never counted nor locked. A source is an IPv4 address or an IPv6 /64
 * (one subscriber's; taking the next address does not reset the count). Names that do not exist are counted and
 * locked exactly like real ones, so locking reveals nothing about which accounts exist. A guesser spreading over
 * many addresses is held back by bcrypt and by the address bans ({@link BanRegistry}), each address being banned
 * after its own failures.
 *
 * <p>In memory, like the address bans: a restart forgets the failures and lifts the locks. The number of keys
 * tracked is bounded, so a flood of made-up names cannot exhaust memory. An admin unlocks a name (from every
 * source) on the Security page, with {@code DELETE /api/v1/security/lockouts/{name}}, or from the console by a file
 * dropped in the data directory (see docs/guide/web-ui.md).
 */
@Service
public class AccountLockouts {

    private static final Logger log = LoggerFactory.getLogger(AccountLockouts.class);
    private static final int MAX_TRACKED = 10_000;

    /** One login name tried from one source scope. */
    private record Key(String account, String source) {}

    private final LockoutProperties props;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Predicate<String> allowListed;
    private final Cache<Key, Deque<Instant>> failures;
    /** Locks so far per key, for the back-off; forgotten after maxLockTime without a lock. */
    private final Cache<Key, Integer> strikes;

    private final Map<Key, AccountLockout> locks = new ConcurrentHashMap<>();

    @Autowired
    public AccountLockouts(
            LockoutProperties props,
            ObjectProvider<Clock> clock,
            ApplicationEventPublisher events,
            ObjectProvider<BanRegistry> bans) {
        this(props, clock.getIfAvailable(Clock::systemUTC), events, address -> {
            BanRegistry registry = bans.getIfAvailable();
            return registry != null && registry.allowListed(address);
        });
    }

    /** Without an allow-list (tests). */
    public AccountLockouts(LockoutProperties props, Clock clock, ApplicationEventPublisher events) {
        this(props, clock, events, address -> false);
    }

    public AccountLockouts(
            LockoutProperties props, Clock clock, ApplicationEventPublisher events, Predicate<String> allowListed) {
        this.props = props;
        this.clock = clock;
        this.events = events;
        this.allowListed = allowListed;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .executor(Runnable::run)
                .expireAfterAccess(props.failureWindow().plus(Duration.ofMinutes(1)))
                .build();
        this.strikes = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .executor(Runnable::run)
                .expireAfterWrite(props.maxLockTime())
                .build();
    }

    /** True while {@code account} refuses every password from {@code address}. Never for an allow-listed address. */
    public boolean isLocked(String account, String address) {
        Key key = key(account, address);
        AccountLockout lock = locks.get(key);
        if (lock == null) return false;
        if (!lock.until().isAfter(clock.instant())) {
            locks.remove(key, lock);
            return false;
        }
        return !allowListed.test(address);
    }

    /** True while {@code account} is locked from at least one source (for the admin's views). */
    public boolean isLocked(String account) {
        String name = name(account);
        Instant now = clock.instant();
        return locks.values().stream()
                .anyMatch(l -> l.account().equals(name) && l.until().isAfter(now));
    }

    /** One wrong password (or unknown name) for {@code account} from {@code address}; may lock it there. */
    public void recordFailure(String account, String address) {
        if (address != null && allowListed.test(address)) {
            log.debug("Failed login '{}' from allow-listed {}: not counted", name(account), address);
            return;
        }
        Key key = key(account, address);
        if (isLocked(account, address)) return;
        Instant now = clock.instant();
        Instant windowStart = now.minus(props.failureWindow());
        int[] count = {0};
        failures.asMap().compute(key, (k, times) -> {
            Deque<Instant> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && !t.peekFirst().isAfter(windowStart)) t.pollFirst();
            t.addLast(now);
            count[0] = t.size();
            return t;
        });
        if (count[0] < props.maxFailures()) return;
        failures.invalidate(key);
        int strike = strikes.asMap().merge(key, 1, Integer::sum);
        Duration lockTime = lockTime(strike);
        AccountLockout lock = new AccountLockout(key.account(), now, now.plus(lockTime), count[0], key.source());
        if (locks.put(key, lock) == null) {
            log.warn(
                    "Locked login '{}' from {} until {} ({} lock in a row: {}) after {} failed passwords within {}; "
                            + "from other addresses it still works. Unlock it on the Security page, with DELETE "
                            + "/api/v1/security/lockouts/{}, or by writing the name into <data-dir>/unlock",
                    key.account(),
                    key.source(),
                    lock.until(),
                    ordinal(strike),
                    lockTime,
                    count[0],
                    props.failureWindow(),
                    key.account());
            events.publishEvent(new AccountLocked(lock));
        }
    }

    /** A successful login forgets the earlier failures of that name from that source, and its back-off. */
    public void recordSuccess(String account, String address) {
        Key key = key(account, address);
        failures.invalidate(key);
        strikes.invalidate(key);
    }

    public List<AccountLockout> current() {
        Instant now = clock.instant();
        locks.values().removeIf(l -> !l.until().isAfter(now));
        return locks.values().stream()
                .sorted(Comparator.comparing(AccountLockout::lockedAt))
                .toList();
    }

    /**
     * Lifts every lock of {@code account}, from every source, and forgets its failures and back-off.
     *
     * @return false when the account was not locked
     */
    public boolean unlock(String account) {
        String name = name(account);
        failures.asMap().keySet().removeIf(k -> k.account().equals(name));
        strikes.asMap().keySet().removeIf(k -> k.account().equals(name));
        Instant now = clock.instant();
        boolean[] any = {false};
        locks.entrySet().removeIf(e -> {
            if (!e.getKey().account().equals(name)) return false;
            any[0] |= e.getValue().until().isAfter(now);
            return true;
        });
        if (any[0]) log.info("Unlocked login '{}'", name);
        return any[0];
    }

    /** lockTime × 2^(strike−1), at most maxLockTime. */
    private Duration lockTime(int strike) {
        Duration d = props.lockTime();
        for (int i = 1; i < strike && d.compareTo(props.maxLockTime()) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(props.maxLockTime()) > 0 ? props.maxLockTime() : d;
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    private static Key key(String account, String address) {
        String source = address == null || address.isBlank() ? "?" : BanScope.of(address);
        return new Key(name(account), source.length() > 80 ? source.substring(0, 80) : source);
    }

    /**
     * Names compare without case (MariaDB's default collation finds "Admin" for "admin"), and an
     * attacker's name is cut short and cleaned before it reaches a log or a page.
     */
    private static String name(String account) {
        String s =
                account == null ? "" : account.strip().toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
