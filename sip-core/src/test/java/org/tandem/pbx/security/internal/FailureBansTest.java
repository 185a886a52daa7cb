package org.tandem.pbx.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.testsupport.MutableClock;

class FailureBansTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    FailureBans bans(List<String> allow) {
        return new FailureBans(new SecurityProperties(3, Duration.ofSeconds(60), Duration.ofMinutes(15), allow), clock);
    }

    @Test
    void defaultsAreTenFailuresPerMinuteFifteenMinutesAndNobodyExempt() {
        SecurityProperties p = new SecurityProperties(0, null, null, null);
        assertThat(p.maxFailures()).isEqualTo(10);
        assertThat(p.failureWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.banTime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.allowList()).isEmpty();
    }

    @Test
    void bansAtTheThresholdIncludingLoopback() {
        FailureBans b = bans(List.of());
        b.recordFailure("127.0.0.1", "test");
        b.recordFailure("127.0.0.1", "test");
        assertThat(b.isBanned("127.0.0.1")).isFalse();
        assertThat(b.admit("127.0.0.1")).isTrue();
        b.recordFailure("127.0.0.1", "test");
        assertThat(b.isBanned("127.0.0.1")).isTrue();
        assertThat(b.admit("127.0.0.1")).isFalse();
        assertThat(b.admit("127.0.0.2")).isTrue();
        assertThat(b.current()).singleElement().satisfies(ban -> {
            assertThat(ban.address()).isEqualTo("127.0.0.1");
            assertThat(ban.failures()).isEqualTo(3);
            assertThat(ban.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        });
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        FailureBans b = bans(List.of());
        b.recordFailure("192.0.2.1", "x");
        b.recordFailure("192.0.2.1", "x");
        clock.advance(Duration.ofSeconds(61));
        b.recordFailure("192.0.2.1", "x");
        b.recordFailure("192.0.2.1", "x");
        assertThat(b.isBanned("192.0.2.1")).isFalse();
        b.recordFailure("192.0.2.1", "x");
        assertThat(b.isBanned("192.0.2.1")).isTrue();
    }

    @Test
    void bansExpireAndDisappear() {
        FailureBans b = bans(List.of());
        for (int i = 0; i < 3; i++) b.recordFailure("192.0.2.1", "x");
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(b.isBanned("192.0.2.1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.isBanned("192.0.2.1")).isFalse();
        assertThat(b.current()).isEmpty();
        // and the count starts again from zero
        b.recordFailure("192.0.2.1", "x");
        assertThat(b.isBanned("192.0.2.1")).isFalse();
    }

    @Test
    void unbanLiftsTheBanAndForgetsTheFailures() {
        FailureBans b = bans(List.of());
        for (int i = 0; i < 3; i++) b.recordFailure("192.0.2.1", "x");
        assertThat(b.unban("192.0.2.1")).isTrue();
        assertThat(b.unban("192.0.2.1")).isFalse();
        assertThat(b.isBanned("192.0.2.1")).isFalse();
        b.recordFailure("192.0.2.1", "x");
        assertThat(b.isBanned("192.0.2.1")).isFalse();
    }

    @Test
    void allowListedAddressesAndBlocksAreNeverBanned() {
        FailureBans b = bans(List.of("192.0.2.9", "10.1.0.0/16", "2001:db8::/32"));
        for (int i = 0; i < 10; i++) {
            b.recordFailure("192.0.2.9", "x");
            b.recordFailure("10.1.200.3", "x");
            b.recordFailure("2001:db8::1", "x");
            b.recordFailure("10.2.0.1", "x");
        }
        assertThat(b.isBanned("192.0.2.9")).isFalse();
        assertThat(b.isBanned("10.1.200.3")).isFalse();
        assertThat(b.isBanned("2001:db8::1")).isFalse();
        assertThat(b.isBanned("10.2.0.1")).isTrue();
        assertThat(b.allowList()).containsExactly("192.0.2.9", "10.1.0.0/16", "2001:db8::/32");
    }

    /**
     * Issue 22 (low): one IPv6 subscriber gets a whole /64 (RFC 6177 §2), so a ban of one address is dodged by
     * taking the next one. Failures count per /64 and the ban covers the /64.
     */
    @Test
    void ipv6FailuresCountAndBanPerSlash64() {
        FailureBans b = bans(List.of());
        b.recordFailure("2001:db8:0:1::1", "x");
        b.recordFailure("2001:db8:0:1:ffff::2", "x");
        b.recordFailure("2001:db8:0:1::3", "x");
        assertThat(b.isBanned("2001:db8:0:1:abcd::99")).isTrue();
        assertThat(b.admit("2001:db8:0:1:abcd::99")).isFalse();
        assertThat(b.isBanned("2001:db8:0:2::1")).as("the next /64").isFalse();
        assertThat(b.current())
                .singleElement()
                .satisfies(ban -> assertThat(ban.address()).isEqualTo("2001:db8:0:1::/64"));
        assertThat(b.unban("2001:db8:0:1::7"))
                .as("any address in it lifts the /64's ban")
                .isTrue();
        assertThat(b.isBanned("2001:db8:0:1::1")).isFalse();
    }

    /** Issue 22 finding 5: every ban is logged, with why (each kind of failure that led to it). */
    @Test
    void everyBanIsLoggedWithItsReasons() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FailureBans.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            FailureBans b = bans(List.of());
            b.recordFailure("192.0.2.44", "SIP digest REGISTER as '101'");
            b.recordFailure("192.0.2.44", "api login");
            b.recordFailure("192.0.2.44", "SIP digest REGISTER as '101'");
            assertThat(log.list)
                    .filteredOn(e -> e.getFormattedMessage().startsWith("Banned 192.0.2.44"))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                        assertThat(e.getFormattedMessage())
                                .contains("SIP digest REGISTER as '101'")
                                .contains("api login");
                    });
            assertThat(b.current())
                    .singleElement()
                    .satisfies(ban -> assertThat(ban.reason())
                            .contains("SIP digest REGISTER as '101'")
                            .contains("api login"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void badAllowListPrefixIsRejectedAtStartup() {
        assertThatThrownBy(() -> bans(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow-list");
    }

    @Test
    void aChangedAllowListAppliesAtOnceAndLiftsBansItNowCovers() {
        FailureBans b = bans(List.of());
        for (int i = 0; i < 3; i++) b.recordFailure("198.51.100.7", "x");
        b.recordFailure("2001:db8::5", "x");
        assertThat(b.isBanned("198.51.100.7")).isTrue();

        b.on(new org.tandem.pbx.security.AllowListChanged(List.of("198.51.100.0/24", "2001:db8::/64")));
        assertThat(b.isBanned("198.51.100.7")).as("lifted").isFalse();
        for (int i = 0; i < 5; i++) b.recordFailure("198.51.100.7", "x");
        b.recordFailure("2001:db8::5", "x");
        b.recordFailure("2001:db8::5", "x");
        assertThat(b.isBanned("198.51.100.7")).isFalse();
        assertThat(b.isBanned("2001:db8::5"))
                .as("its earlier failure was forgotten, and it is allowed")
                .isFalse();

        b.on(new org.tandem.pbx.security.AllowListChanged(List.of()));
        for (int i = 0; i < 3; i++) b.recordFailure("198.51.100.7", "x");
        assertThat(b.isBanned("198.51.100.7")).as("bannable again").isTrue();
    }

    @Test
    void anAdminsEntryMustBeAnAddressOrCidrBlock() {
        assertThat(AddressMatcher.normalise(" 10.0.0.0/8 ")).isEqualTo("10.0.0.0/8");
        assertThat(AddressMatcher.normalise("[2001:DB8::1]")).isEqualTo("2001:db8::1");
        assertThat(AddressMatcher.normalise("2001:db8::/032")).isEqualTo("2001:db8::/32");
        for (String bad : List.of(
                "",
                "10.0.0.0/33",
                "2001:db8::/129",
                "pbx.example.com",
                "300.1.1.1",
                "10.0.0.0/x",
                "10.0.0/8",
                "fe80::1%eth0",
                "1.2.3.4/")) {
            assertThatThrownBy(() -> AddressMatcher.normalise(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
