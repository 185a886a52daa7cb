package org.tandem.pbx.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.testsupport.MutableClock;

class AccountLockoutsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final List<Object> events = new ArrayList<>();
    final AccountLockouts lockouts = new AccountLockouts(
            new LockoutProperties(3, Duration.ofMinutes(10), Duration.ofMinutes(15)), clock, events::add);

    /**
     * Issue 22 finding 4: the lock used to be per name, so anybody's five guesses locked the admin out everywhere.
     * Now failures count per name and source: spread over addresses they lock nothing (the address bans deal with
     * each address), and from one address they lock the name there only.
     */
    @Test
    void failuresLockTheNameOnlyFromTheSourceTheyCameFrom() {
        lockouts.recordFailure("admin", "192.0.2.1");
        lockouts.recordFailure("Admin", "192.0.2.2");
        lockouts.recordFailure("admin", "192.0.2.3");
        assertThat(lockouts.isLocked("admin"))
                .as("one failure from each of three addresses")
                .isFalse();

        lockouts.recordFailure("admin", "203.0.113.9");
        lockouts.recordFailure("ADMIN", "203.0.113.9");
        lockouts.recordFailure("admin", "203.0.113.9");
        assertThat(lockouts.isLocked("admin", "203.0.113.9")).as("any spelling").isTrue();
        assertThat(lockouts.isLocked("admin", "192.0.2.1"))
                .as("the owner elsewhere")
                .isFalse();
        assertThat(lockouts.isLocked("admin")).as("locked somewhere").isTrue();
        assertThat(lockouts.isLocked("operator", "203.0.113.9")).isFalse();
        assertThat(lockouts.current()).singleElement().satisfies(l -> {
            assertThat(l.account()).isEqualTo("admin");
            assertThat(l.failures()).isEqualTo(3);
            assertThat(l.lastAddress()).isEqualTo("203.0.113.9");
            assertThat(l.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        });
        assertThat(events).singleElement().isInstanceOf(AccountLocked.class);
    }

    @Test
    void eachFurtherLockFromTheSameSourceLastsTwiceAsLongUpToTheMaximum() {
        AccountLockouts l = new AccountLockouts(
                new LockoutProperties(3, Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofHours(1)),
                clock,
                events::add);
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(1)
        };
        for (Duration lock : expected) {
            for (int i = 0; i < 3; i++) l.recordFailure("admin", "203.0.113.9");
            assertThat(l.current())
                    .singleElement()
                    .satisfies(
                            x -> assertThat(x.until()).isEqualTo(clock.instant().plus(lock)));
            clock.advance(lock);
            assertThat(l.isLocked("admin", "203.0.113.9")).isFalse();
        }
        l.recordSuccess("admin", "203.0.113.9");
        for (int i = 0; i < 3; i++) l.recordFailure("admin", "203.0.113.9");
        assertThat(l.current())
                .singleElement()
                .satisfies(x -> assertThat(x.until())
                        .as("a success from there forgets the back-off")
                        .isEqualTo(clock.instant().plus(Duration.ofMinutes(15))));
    }

    @Test
    void aLoginFromAnAllowListedAddressIsNeverLocked() {
        AccountLockouts l = new AccountLockouts(
                new LockoutProperties(3, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                clock,
                events::add,
                a -> a.startsWith("192.168.1."));
        for (int i = 0; i < 10; i++) l.recordFailure("admin", "192.168.1.20");
        assertThat(l.isLocked("admin", "192.168.1.20")).isFalse();
        assertThat(l.current()).isEmpty();
    }

    @Test
    void anIpv6SourceIsItsSlash64() {
        lockouts.recordFailure("admin", "2001:db8:0:7::1");
        lockouts.recordFailure("admin", "2001:db8:0:7::2");
        lockouts.recordFailure("admin", "2001:db8:0:7:1::3");
        assertThat(lockouts.isLocked("admin", "2001:db8:0:7::99")).isTrue();
        assertThat(lockouts.isLocked("admin", "2001:db8:0:8::1")).isFalse();
    }

    @Test
    void theLockExpiresOrAnAdminLiftsIt() {
        for (int i = 0; i < 3; i++) lockouts.recordFailure("101", "192.0.2.1");
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(lockouts.isLocked("101")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(lockouts.isLocked("101")).isFalse();
        assertThat(lockouts.current()).isEmpty();

        for (int i = 0; i < 3; i++) lockouts.recordFailure("101", "192.0.2.1");
        assertThat(lockouts.unlock("101")).isTrue();
        assertThat(lockouts.unlock("101")).isFalse();
        assertThat(lockouts.isLocked("101")).isFalse();
        lockouts.recordFailure("101", "192.0.2.1");
        assertThat(lockouts.isLocked("101")).as("the count starts again").isFalse();
    }

    @Test
    void failuresOutsideTheWindowAndBeforeASuccessDoNotCount() {
        lockouts.recordFailure("ops", "192.0.2.1");
        lockouts.recordFailure("ops", "192.0.2.1");
        clock.advance(Duration.ofMinutes(11));
        lockouts.recordFailure("ops", "192.0.2.1");
        assertThat(lockouts.isLocked("ops")).isFalse();
        lockouts.recordSuccess("ops", "192.0.2.1");
        lockouts.recordFailure("ops", "192.0.2.1");
        lockouts.recordFailure("ops", "192.0.2.1");
        assertThat(lockouts.isLocked("ops")).isFalse();
    }
}
