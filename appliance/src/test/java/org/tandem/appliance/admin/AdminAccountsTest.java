package org.tandem.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tandem.appliance.admin.internal.AdminAccountRepository;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.credentials.internal.PasswordHashRepository;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.LockoutProperties;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.security.internal.FailureBans;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * What the accounts page's role change and password reset may do (issue 17), against the real table in H2: never one's
 * own role, never the last admin's (whoever asks), a reset password is a one-time one and lifts a lockout.
 */
class AdminAccountsTest {

    private final AccountLockouts lockouts = new AccountLockouts(
            new LockoutProperties(2, Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1)),
            Clock.systemUTC(),
            event -> {});
    private final JdbcDataSource db = db();
    private final WebCredentials credentials = new WebCredentials(
            new PasswordHashRepository(JdbcClient.create(db)),
            new BCryptPasswordEncoder(4),
            lockouts,
            new FailureBans(
                    new SecurityProperties(10, Duration.ofMinutes(1), Duration.ofMinutes(15), List.of()),
                    Clock.systemUTC()),
            event -> {});
    private final AdminAccounts accounts =
            new AdminAccounts(new AdminAccountRepository(JdbcClient.create(db)), credentials, lockouts);

    private static JdbcDataSource db() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:accounts" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcClient.create(ds)
                .sql("CREATE TABLE admin_account (username VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "password_hash VARCHAR(100) NOT NULL, role VARCHAR(16) NOT NULL, "
                        + "must_change_password BOOLEAN NOT NULL, created_at TIMESTAMP(3) NOT NULL)")
                .update();
        return ds;
    }

    private static String error(Runnable call, String field) {
        try {
            call.run();
        } catch (InvalidInputException e) {
            assertThat(e.fieldErrors()).containsKey(field);
            return e.fieldErrors().get(field);
        }
        throw new AssertionError("not refused at " + field);
    }

    @Test
    void theRoleOfAnotherAccountChangesButNeverOnesOwnNorTheLastAdmins() {
        accounts.create("admin", "admin-password-1", AdminRole.ADMIN, false);
        accounts.create("desk", "desk-password-1", AdminRole.RECEPTIONIST, false);

        assertThat(error(() -> accounts.changeRole("admin", AdminRole.OPERATOR, "admin"), "role"))
                .contains("your own");
        // the page never offers this (one's own role stays), but a second path must not take the last admin away
        assertThat(error(() -> accounts.changeRole("admin", AdminRole.OPERATOR, "desk"), "role"))
                .contains("last admin account");
        assertThat(accounts.find("admin").orElseThrow().role()).isEqualTo(AdminRole.ADMIN);

        assertThat(accounts.changeRole("desk", AdminRole.ADMIN, "admin")).isTrue();
        assertThat(accounts.changeRole("admin", AdminRole.OPERATOR, "desk"))
                .as("two admins: one may go")
                .isTrue();
        assertThat(accounts.find("admin").orElseThrow().role()).isEqualTo(AdminRole.OPERATOR);
        assertThat(error(() -> accounts.delete("desk", "admin"), "username")).contains("last admin account");
        assertThat(accounts.changeRole("nosuch", AdminRole.ADMIN, "desk")).isFalse();
    }

    @Test
    void aResetPasswordIsAOneTimeOneAndLiftsALockout() {
        accounts.create("admin", "admin-password-1", AdminRole.ADMIN, false);
        accounts.create("desk", "desk-password-1", AdminRole.OPERATOR, false);
        lockouts.recordFailure("desk", "192.0.2.9");
        lockouts.recordFailure("desk", "192.0.2.9");
        assertThat(lockouts.isLocked("desk")).isTrue();

        assertThat(error(() -> accounts.resetPassword("desk", "short", "admin"), "password"))
                .contains("at least 8");
        assertThat(error(() -> accounts.resetPassword("admin", "Reset-pass-1", "admin"), "username"))
                .contains("your own");
        assertThat(accounts.resetPassword("nosuch", "Reset-pass-1", "admin")).isFalse();
        assertThat(accounts.resetPassword("desk", "Reset-pass-1", "admin")).isTrue();

        assertThat(accounts.find("desk").orElseThrow().mustChangePassword()).isTrue();
        assertThat(lockouts.isLocked("desk")).isFalse();
        assertThat(credentials.matches("desk", "Reset-pass-1")).isTrue();
        assertThat(error(() -> accounts.changePassword("desk", "Reset-pass-1", "Reset-pass-1"), "password"))
                .contains("differ from the one-time password");
        assertThat(accounts.changePassword("desk", "Reset-pass-1", "desk-own-pass-2"))
                .isTrue();
        assertThat(accounts.find("desk").orElseThrow().mustChangePassword()).isFalse();
    }
}
