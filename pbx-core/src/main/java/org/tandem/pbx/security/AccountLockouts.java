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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Per-account lockout for web and API logins: after {@link LockoutProperties#maxFailures()} failed
 * passwords for one login name within the window, that name is locked for
 * {@link LockoutProperties#lockTime()}, whichever addresses the tries came from. Names that do not exist
 * are counted and locked exactly like real ones, so locking reveals nothing about which accounts exist.
 *
 * <p>In memory, like the address bans: a restart forgets the failures and lifts the locks. The number of
 * names tracked is bounded, so a flood of made-up names cannot exhaust memory.
 */
@Service
public class AccountLockouts {

    private static final Logger log = LoggerFactory.getLogger(AccountLockouts.class);
    private static final int MAX_TRACKED = 10_000;

    private final LockoutProperties props;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Cache<String, Deque<Instant>> failures;
    private final Map<String, AccountLockout> locks = new ConcurrentHashMap<>();

    @Autowired
    public AccountLockouts(LockoutProperties props, ObjectProvider<Clock> clock, ApplicationEventPublisher events) {
        this(props, clock.getIfAvailable(Clock::systemUTC), events);
    }

    public AccountLockouts(LockoutProperties props, Clock clock, ApplicationEventPublisher events) {
        this.props = props;
        this.clock = clock;
        this.events = events;
        this.failures = Caffeine.newBuilder().maximumSize(MAX_TRACKED)
                .expireAfterAccess(props.failureWindow().plus(Duration.ofMinutes(1))).build();
    }

    /** True while {@code account} refuses every password. */
    public boolean isLocked(String account) {
        String key = key(account);
        AccountLockout lock = locks.get(key);
        if (lock == null) return false;
        if (lock.until().isAfter(clock.instant())) return true;
        locks.remove(key, lock);
        return false;
    }

    /** One wrong password (or unknown name) for {@code account} from {@code address}; may lock it. */
    public void recordFailure(String account, String address) {
        String key = key(account);
        if (isLocked(key)) return;
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
        if (count[0] >= props.maxFailures()) {
            AccountLockout lock = new AccountLockout(key, now, now.plus(props.lockTime()), count[0], address);
            if (locks.put(key, lock) == null) {
                log.warn("Locked login '{}' until {} after {} failed passwords within {} (last from {}); "
                        + "unlock it on the Security page or with DELETE /api/v1/security/lockouts/{}",
                        key, lock.until(), count[0], props.failureWindow(), address, key);
                events.publishEvent(new AccountLocked(lock));
            }
            failures.invalidate(key);
        }
    }

    /** A successful login forgets the earlier failures of that name. */
    public void recordSuccess(String account) {
        failures.invalidate(key(account));
    }

    public List<AccountLockout> current() {
        Instant now = clock.instant();
        locks.values().removeIf(l -> !l.until().isAfter(now));
        return locks.values().stream().sorted(Comparator.comparing(AccountLockout::lockedAt)).toList();
    }

    /** @return false when the account was not locked */
    public boolean unlock(String account) {
        String key = key(account);
        failures.invalidate(key);
        AccountLockout removed = locks.remove(key);
        if (removed == null || !removed.until().isAfter(clock.instant())) return false;
        log.info("Unlocked login '{}'", key);
        return true;
    }

    /**
     * Names compare without case (MariaDB's default collation finds "Admin" for "admin"), and an
     * attacker's name is cut short and cleaned before it reaches a log or a page.
     */
    private static String key(String account) {
        String s = account == null ? "" : account.strip().toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
