package org.tandem.pbx.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTest {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder real = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    };
    private final RememberingPasswordEncoder encoder =
            new RememberingPasswordEncoder(counting, Duration.ofMinutes(5), 100);

    @Test
    void aSuccessfulCheckIsRemembered() {
        String hash = encoder.encode("right-password");

        assertThat(encoder.matches("right-password", hash)).isTrue();
        assertThat(encoder.matches("right-password", hash)).isTrue();

        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void failuresAlwaysPayBcrypt() {
        String hash = encoder.encode("right-password");

        assertThat(encoder.matches("guess", hash)).isFalse();
        assertThat(encoder.matches("guess", hash)).isFalse();

        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void aNewHashIsCheckedAfresh() {
        String before = encoder.encode("same-password");
        String after = encoder.encode("same-password");
        assertThat(encoder.matches("same-password", before)).isTrue();

        assertThat(encoder.matches("same-password", after)).isTrue();
        assertThat(encoder.matches("other-password", after)).isFalse();

        assertThat(bcryptChecks).hasValue(3);
    }
}
