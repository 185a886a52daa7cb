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

    @Test
    void failuresFromManyAddressesLockTheOneAccount() {
        lockouts.recordFailure("admin", "192.0.2.1");
        lockouts.recordFailure("Admin", "192.0.2.2");
        assertThat(lockouts.isLocked("admin")).isFalse();
        lockouts.recordFailure("admin", "192.0.2.3");

        assertThat(lockouts.isLocked("ADMIN")).as("any spelling, any address").isTrue();
        assertThat(lockouts.isLocked("operator")).isFalse();
        assertThat(lockouts.current()).singleElement().satisfies(l -> {
            assertThat(l.account()).isEqualTo("admin");
            assertThat(l.failures()).isEqualTo(3);
            assertThat(l.lastAddress()).isEqualTo("192.0.2.3");
            assertThat(l.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        });
        assertThat(events).singleElement().isInstanceOf(AccountLocked.class);
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
        lockouts.recordSuccess("ops");
        lockouts.recordFailure("ops", "192.0.2.1");
        lockouts.recordFailure("ops", "192.0.2.1");
        assertThat(lockouts.isLocked("ops")).isFalse();
    }
}
