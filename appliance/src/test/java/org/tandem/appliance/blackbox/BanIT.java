package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Brute-force protection: an address that fails digest authentication too often is banned (its
 * requests are dropped, unanswered), other addresses are not affected, and the admin lifts the ban
 * through the API. The attacker is 127.0.0.2 (another loopback address), so the admin on 127.0.0.1
 * can still use the API, as they would from another host.
 */
class BanIT {

    private static final int MAX_FAILURES = 3;
    private static final String ATTACKER = "127.0.0.2";

    @RegisterExtension
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.security.max-failures=" + MAX_FAILURES,
            "--tandem.security.failure-window=5m",
            "--tandem.security.ban-time=10m");

    @Test
    void repeatedFailuresBanTheAddressUntilTheAdminLiftsTheBan() {
        tandem.api().createUser("301", "Victim", "Ban-secret-1");

        // each call: 401, wrong digest, 401 -> one failure per call, one call after the other
        tandem.sipp("register-wrong-password", "uac.xml").localIp(ATTACKER).service("301")
                .credentials("301", "guess-1234").key("expires", "600")
                .calls(MAX_FAILURES).limit(1).runAndAssertSuccess();

        assertThat(tandem.api().isBanned(ATTACKER)).as("banned after %d failures: %s", MAX_FAILURES,
                tandem.api().bans()).isTrue();

        // dropped: no answer at all, even to OPTIONS, and even with the right password
        tandem.sipp("ban", "uac-dropped.xml").localIp(ATTACKER).runAndAssertSuccess();
        try (RawSip banned = RawSip.open("UDP", tandem.process().sipPort(), ATTACKER)) {
            assertThat(banned.ping(Duration.ofSeconds(2))).as("answer to a banned address").isNull();
        }
        tandem.sipp("register", "uac.xml").localIp(ATTACKER).service("301").credentials("301", "Ban-secret-1")
                .key("expires", "600").timeout(Duration.ofSeconds(4)).run().assertFailure();
        assertThat(tandem.api().contactsOf("301")).isEmpty();

        // a ban is per address: 127.0.0.1 is still served
        try (RawSip other = RawSip.open("UDP", tandem.process().sipPort())) {
            SipText ok = other.ping(Duration.ofSeconds(5));
            assertThat(ok).isNotNull();
            assertThat(ok.status()).isEqualTo(200);
        }

        // the admin lifts it
        assertThat(tandem.api().unban(ATTACKER).status()).isEqualTo(204);
        assertThat(tandem.api().bans()).isEmpty();
        tandem.sipp("options", "uac.xml").localIp(ATTACKER).runAndAssertSuccess();
        tandem.sipp("register", "uac.xml").localIp(ATTACKER).service("301").credentials("301", "Ban-secret-1")
                .key("expires", "600").runAndAssertSuccess();
    }

    @Test
    void unbanningAnAddressThatIsNotBannedIs404() {
        assertThat(tandem.api().unban("192.0.2.77").status()).isEqualTo(404);
    }
}
