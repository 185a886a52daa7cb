package org.tandem.pbx.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tandem.pbx.credentials.WebCredentials.Door;
import org.tandem.pbx.credentials.WebLogin.Kind;
import org.tandem.pbx.credentials.internal.PasswordHashRepository;
import org.tandem.pbx.security.AccountLocked;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.LockoutProperties;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.security.internal.FailureBans;

/**
 * The one store of web passwords against the two real columns (in H2): admin accounts and users log in at the doors
 * that take them, every door counts towards the same lockout per name and source, and a locked name, an unknown one
 * and a wrong password cost the same single bcrypt check and get the same empty answer (issue 14).
 */
class WebCredentialsTest {

    static final String OFFICE = "192.168.1.20";
    static final String GUESSER = "203.0.113.66";

    /** Every check bcrypt was asked to make, as "password → hash": a login must always pay for exactly one. */
    final List<String> checked = new ArrayList<>();

    final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checked.add(raw + " -> " + encoded);
            return bcrypt.matches(raw, encoded);
        }
    };
    final List<Object> events = new ArrayList<>();
    final AccountLockouts lockouts = new AccountLockouts(
            new LockoutProperties(3, Duration.ofMinutes(5), Duration.ofMinutes(5)), Clock.systemUTC(), events::add);
    final FailureBans bans = new FailureBans(
            new SecurityProperties(6, Duration.ofMinutes(1), Duration.ofMinutes(15), List.of()), Clock.systemUTC());
    final JdbcClient jdbc = JdbcClient.create(db());
    final WebCredentials credentials =
            new WebCredentials(new PasswordHashRepository(jdbc), counting, lockouts, bans, events::add);

    /** Made once, at a low cost (the cost is in the hash): the checks against them stay fast. */
    static final String ALICE = new BCryptPasswordEncoder(4).encode("alice-password");

    static final String DESK = new BCryptPasswordEncoder(4).encode("desk-password");
    static final String USER = new BCryptPasswordEncoder(4).encode("user-password");

    WebCredentialsTest() {
        jdbc.sql("INSERT INTO admin_account VALUES ('alice', ?, 'ADMIN'), ('desk', ?, 'RECEPTIONIST')")
                .params(ALICE, DESK)
                .update();
        jdbc.sql("INSERT INTO sip_user VALUES ('201', ?), ('202', NULL)")
                .param(USER)
                .update();
    }

    private static JdbcDataSource db() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:credentials" + System.nanoTime()
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(ds);
        // the columns of V1__core.sql and V5__webui.sql the store reads
        jdbc.sql("CREATE TABLE admin_account (username VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "password_hash VARCHAR(100) NOT NULL, role VARCHAR(16) NOT NULL)")
                .update();
        jdbc.sql("CREATE TABLE sip_user (extension VARCHAR(32) NOT NULL PRIMARY KEY, web_password_hash VARCHAR(100))")
                .update();
        return ds;
    }

    @Test
    void adminAccountsAndUsersLogInAtTheDoorsThatTakeThemWithTheirRoles() {
        assertThat(credentials.login(Door.BROWSER, "alice", "alice-password", OFFICE))
                .contains(new WebLogin("alice", Kind.ADMIN_ACCOUNT, "ADMIN"));
        assertThat(credentials.login(Door.API, "desk", "desk-password", OFFICE))
                .contains(new WebLogin("desk", Kind.ADMIN_ACCOUNT, "RECEPTIONIST"));
        assertThat(credentials.login(Door.BROWSER, "201", "user-password", OFFICE))
                .contains(new WebLogin("201", Kind.USER, WebLogin.USER_ROLE));
        assertThat(credentials.login(Door.XCAP, "201", "user-password", OFFICE)).isPresent();

        assertThat(credentials.login(Door.API, "201", "user-password", OFFICE))
                .as("users have no API")
                .isEmpty();
        assertThat(credentials.login(Door.XCAP, "alice", "alice-password", OFFICE))
                .as("admins have no XCAP")
                .isEmpty();
        assertThat(credentials.login(Door.BROWSER, "202", "", OFFICE))
                .as("no web password, no login")
                .isEmpty();
        assertThat(credentials.login(Door.BROWSER, "alice", null, OFFICE)).isEmpty();
    }

    /** One lockout path: wrong passwords at the API, the login form and XCAP add up for the same name and source. */
    @Test
    void wrongPasswordsAtAnyDoorAddUpToOneLockOfTheNameFromThatSource() {
        assertThat(credentials.login(Door.API, "alice", "guess-1", GUESSER)).isEmpty();
        assertThat(credentials.login(Door.API, "alice", "guess-2", GUESSER)).isEmpty();
        assertThat(lockouts.isLocked("alice")).isFalse();
        assertThat(credentials.login(Door.BROWSER, "alice", "guess-3", GUESSER)).isEmpty();
        assertThat(lockouts.isLocked("alice", GUESSER)).isTrue();
        assertThat(events).filteredOn(AccountLocked.class::isInstance).hasSize(1);

        assertThat(credentials.login(Door.BROWSER, "alice", "alice-password", GUESSER))
                .as("locked for the guesser")
                .isEmpty();
        assertThat(credentials.login(Door.API, "alice", "alice-password", GUESSER))
                .isEmpty();
        assertThat(credentials.login(Door.API, "alice", "alice-password", OFFICE))
                .as("not for the office")
                .isPresent();

        for (int i = 0; i < 3; i++)
            assertThat(credentials.login(Door.XCAP, "201", "guess-" + i, OFFICE))
                    .isEmpty();
        assertThat(credentials.login(Door.BROWSER, "201", "user-password", OFFICE))
                .as("the portal, locked by XCAP")
                .isEmpty();
        lockouts.unlock("201");
        assertThat(credentials.login(Door.BROWSER, "201", "user-password", OFFICE))
                .isPresent();
    }

    @Test
    void aLockedNameAnUnknownOneAndAWrongPasswordCostOneCheckAndGetTheSameAnswer() {
        for (int i = 0; i < 3; i++) credentials.login(Door.BROWSER, "alice", "guess-" + i, GUESSER);
        checked.clear();
        events.clear();

        Optional<WebLogin> locked = credentials.login(Door.BROWSER, "alice", "alice-password", GUESSER);
        Optional<WebLogin> unknown = credentials.login(Door.BROWSER, "mallory", "alice-password", GUESSER);
        Optional<WebLogin> wrong = credentials.login(Door.BROWSER, "desk", "alice-password", GUESSER);
        Optional<WebLogin> notAUser = credentials.login(Door.API, "201", "user-password", GUESSER);

        assertThat(List.of(locked, unknown, wrong, notAUser))
                .allSatisfy(answer -> assertThat(answer).isEmpty());
        assertThat(checked).as("one full check each").hasSize(4);
        assertThat(checked.get(0))
                .as("locked: a password that cannot match, against the real hash")
                .isEqualTo(WebCredentials.LOCKED_TRY + " -> " + ALICE);
        assertThat(checked.get(1))
                .as("unknown: against a hash of the same cost")
                .isEqualTo("alice-password -> " + WebCredentials.NO_MATCH);
        assertThat(checked.get(2)).isEqualTo("alice-password -> " + DESK);
        assertThat(checked.get(3)).isEqualTo("user-password -> " + WebCredentials.NO_MATCH);
        assertThat(events)
                .filteredOn(LoginFailed.class::isInstance)
                .map(e -> (LoginFailed) e)
                .extracting(LoginFailed::name, LoginFailed::door, LoginFailed::accountLocked)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", "web login", true),
                        org.assertj.core.groups.Tuple.tuple("mallory", "web login", false),
                        org.assertj.core.groups.Tuple.tuple("desk", "web login", false),
                        org.assertj.core.groups.Tuple.tuple("201", "api login", false));
        assertThat(lockouts.isLocked("mallory"))
                .as("unknown names are counted too")
                .isFalse();
        credentials.login(Door.API, "mallory", "x", GUESSER);
        credentials.login(Door.API, "mallory", "x", GUESSER);
        assertThat(lockouts.isLocked("mallory", GUESSER)).isTrue();
    }

    @Test
    void everyRefusalCountsTowardsTheAddressBanWhicheverDoor() {
        credentials.login(Door.API, "alice", "guess-1", GUESSER);
        credentials.login(Door.BROWSER, "201", "guess-2", GUESSER);
        credentials.login(Door.XCAP, "201", "guess-3", GUESSER);
        credentials.login(Door.BROWSER, "nobody", "guess-4", GUESSER);
        credentials.login(Door.BROWSER, "alice", "guess-5", GUESSER);
        assertThat(bans.isBanned(GUESSER)).isFalse();
        assertThat(credentials.login(Door.BROWSER, "alice", "alice-password", OFFICE))
                .as("successes do not count")
                .isPresent();
        credentials.login(Door.BROWSER, "desk", "guess-6", GUESSER);

        assertThat(bans.isBanned(GUESSER)).isTrue();
        assertThat(bans.current().get(0).reason()).contains("api login (1x)", "web login (4x)", "XCAP login (1x)");
        assertThat(bans.isBanned(OFFICE)).isFalse();
    }

    /** A password change's wrong current password counts like a failed login; a plain comparison counts nothing. */
    @Test
    void aWrongCurrentPasswordCountsTowardsTheLockoutAndALockedNameHasNoCurrentPassword() {
        assertThat(credentials.verifyCurrent("201", "user-password")).isTrue();
        for (int i = 0; i < 5; i++)
            assertThat(credentials.matches("201", "guess-" + i)).isFalse();
        assertThat(lockouts.isLocked("201")).isFalse();

        for (int i = 0; i < 3; i++)
            assertThat(credentials.verifyCurrent("201", "guess-" + i)).isFalse();
        assertThat(lockouts.isLocked("201")).isTrue();
        assertThat(credentials.verifyCurrent("201", "user-password"))
                .as("locked")
                .isFalse();
        assertThat(credentials.matches("201", "user-password")).isTrue();
        assertThat(credentials.matches("nobody", "")).isFalse();
    }

    /** Existing logins keep working: the hashes stored before this store existed, and new ones, are the same kind. */
    @Test
    void storedHashesAreReadAndNewOnesMadeAsBefore() {
        WebCredentials production = new WebCredentials(new PasswordHashRepository(jdbc), lockouts, bans, events::add);
        // as AdminAccounts and WebPasswords stored them: BCryptPasswordEncoder's default, $2a$, cost 10
        jdbc.sql("INSERT INTO admin_account VALUES ('legacy', ?, 'OPERATOR')")
                .param(new BCryptPasswordEncoder().encode("legacy-password"))
                .update();
        assertThat(production.login(Door.API, "legacy", "legacy-password", OFFICE))
                .isPresent();

        String hash = production.hash("a password");
        assertThat(hash).startsWith("$2a$10$");
        assertThat(new BCryptPasswordEncoder().matches("a password", hash)).isTrue();

        assertThat(WebCredentials.passwordRule("seven77"))
                .hasValueSatisfying(e -> assertThat(e.key()).isEqualTo("password.too-short"));
        assertThat(WebCredentials.passwordRule("ü".repeat(37)))
                .hasValueSatisfying(e -> assertThat(e.key()).isEqualTo("password.too-long"));
        assertThat(WebCredentials.passwordRule("eight888")).isEmpty();
    }

    /** Issue 23: the hash an unknown name is checked against is a constant, well formed and of the stored hashes' cost. */
    @Test
    void unknownNamesAreCheckedAgainstAWellFormedHashOfTheStoredCost() {
        // a malformed hash would make bcrypt answer at once, and an unknown name measurably faster to refuse
        assertThat(Pattern.matches("\\$2a\\$10\\$[./A-Za-z0-9]{53}", WebCredentials.NO_MATCH))
                .isTrue();
        assertThat(new BCryptPasswordEncoder().matches("", WebCredentials.NO_MATCH))
                .isFalse();
        assertThat(new BCryptPasswordEncoder().matches("no-such-user-0", WebCredentials.NO_MATCH))
                .isFalse();
    }
}
