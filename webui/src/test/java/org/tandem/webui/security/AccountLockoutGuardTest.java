package org.tandem.webui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.LockoutProperties;

class AccountLockoutGuardTest {

    /** Passwords the real check was asked about, in order: the guard must always pay for one check. */
    final List<String> checked = new ArrayList<>();
    final AccountLockouts lockouts = new AccountLockouts(new LockoutProperties(2, Duration.ofMinutes(5),
            Duration.ofMinutes(5)), Clock.systemUTC(), e -> { });
    final AccountLockoutGuard guard = new AccountLockoutGuard(login -> {
        String password = String.valueOf(login.getCredentials());
        checked.add(password);
        if (!"alice".equals(login.getName()) || !"right-password".equals(password)) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of());
    }, lockouts);

    static Authentication login(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    static Authentication login(String name, String password, String from) {
        UsernamePasswordAuthenticationToken t = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        t.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(from, null));
        return t;
    }

    /**
     * Issue 22 finding 4: wrong passwords from anywhere locked the name for everyone, so anybody could lock the
     * admin out. The lock now holds for the name from the guessing source only; the admin elsewhere logs in.
     */
    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheNameForAnother() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guard.authenticate(login("alice", "wrong", "203.0.113.66")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> guard.authenticate(login("alice", "right-password", "203.0.113.66")))
                .as("still locked for the guesser").isInstanceOf(BadCredentialsException.class);
        assertThat(guard.authenticate(login("alice", "right-password", "192.168.1.20")).isAuthenticated())
                .as("the admin at the office").isTrue();
    }

    @Test
    void aLockedNameGetsTheWrongPasswordAnswerAfterTheSameCheckEvenWithTheRightPassword() {
        assertThat(guard.authenticate(login("alice", "right-password")).isAuthenticated()).isTrue();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.authenticate(login("alice", "wrong"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(lockouts.isLocked("alice")).isTrue();
        checked.clear();

        assertThatThrownBy(() -> guard.authenticate(login("alice", "right-password")))
                .isInstanceOf(BadCredentialsException.class).hasMessage("Bad credentials");
        assertThat(checked).as("a full check still ran, with a password that cannot match").singleElement()
                .satisfies(p -> assertThat(p).isNotEqualTo("right-password").startsWith("\u0000"));

        lockouts.unlock("alice");
        assertThat(guard.authenticate(login("alice", "right-password")).isAuthenticated()).isTrue();
    }

    @Test
    void unknownNamesAreCountedAndLockedLikeRealOnes() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.authenticate(login("mallory", "x"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(lockouts.isLocked("mallory")).isTrue();
        assertThatThrownBy(() -> guard.authenticate(login("mallory", "x"))).isInstanceOf(BadCredentialsException.class)
                .hasMessage("Bad credentials");
    }
}
