package org.tandem.pbx.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.LockoutProperties;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.testsupport.MutableClock;

/** Issue 22 finding 4: the console unlocks a login (and lifts a ban) by writing into {@code <data-dir>/unlock}. */
class ConsoleUnlockTest {

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final AccountLockouts lockouts = new AccountLockouts(
            new LockoutProperties(2, Duration.ofMinutes(5), Duration.ofMinutes(15)), clock, e -> {});
    final FailureBans bans =
            new FailureBans(new SecurityProperties(2, Duration.ofMinutes(1), Duration.ofMinutes(15), List.of()), clock);

    ConsoleUnlock unlock() {
        return new ConsoleUnlock(data.resolve("unlock"), lockouts, bans, Workers.unmeasured());
    }

    @Test
    void namesAreUnlockedAddressesUnbannedAndTheFileRemoved() throws Exception {
        for (int i = 0; i < 2; i++) {
            lockouts.recordFailure("admin", "203.0.113.9");
            lockouts.recordFailure("admin", "198.51.100.1");
            lockouts.recordFailure("ops", "203.0.113.9");
            bans.recordFailure("203.0.113.9", "api login");
        }
        assertThat(lockouts.isLocked("admin", "203.0.113.9")).isTrue();
        assertThat(bans.isBanned("203.0.113.9")).isTrue();

        Files.writeString(data.resolve("unlock"), "admin\n# a comment\n203.0.113.9\n");
        unlock().poll();

        assertThat(lockouts.isLocked("admin")).as("from every source").isFalse();
        assertThat(lockouts.isLocked("ops")).as("not named").isTrue();
        assertThat(bans.isBanned("203.0.113.9")).isFalse();
        assertThat(data.resolve("unlock")).doesNotExist();

        Files.writeString(data.resolve("unlock"), "*\n");
        unlock().poll();
        assertThat(lockouts.current()).isEmpty();
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws Exception {
        for (int i = 0; i < 2; i++) lockouts.recordFailure("admin", "203.0.113.9");
        Path target = Files.writeString(data.resolve("elsewhere"), "admin\n");
        Files.createSymbolicLink(data.resolve("unlock"), target);
        unlock().poll();
        assertThat(lockouts.isLocked("admin")).isTrue();
        assertThat(data.resolve("unlock")).doesNotExist();
        assertThat(target).hasContent("admin");
    }
}
