package org.tandem.pbx.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.auth.DigestVerifier;
import org.tandem.pbx.auth.Nonces;
import org.tandem.pbx.testsupport.MutableClock;

class Ha1CacheTest {

    static final String REALM = "tandem.test";

    final Nonces nonces =
            new Nonces(new byte[32], new MutableClock(Instant.parse("2026-11-22T10:00:00Z")), Duration.ofMinutes(5));
    final DigestVerifier verifier = new DigestVerifier(
            () -> REALM,
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
            nonces,
            DigestVerifier.NonceCount.CHECKED);
    final Map<String, String> secrets = new HashMap<>(Map.of("101", "s3cret-101"));
    final Ha1Cache ha1s = new Ha1Cache(verifier, u -> Optional.ofNullable(secrets.get(u)));

    @Test
    void knownUsersGetTheirHa1AndUnknownOnesAStableDecoy() {
        assertThat(ha1s.ha1("101", DigestAlgorithm.MD5)).isEqualTo(DigestAlgorithm.MD5.ha1("101", REALM, "s3cret-101"));
        // the decoy HA1 is stable per user and algorithm, shaped like a real one
        assertThat(ha1s.ha1("999", DigestAlgorithm.SHA_256))
                .hasSize(64)
                .isEqualTo(ha1s.ha1("999", DigestAlgorithm.SHA_256))
                .isEqualTo(verifier.decoyHa1("999", DigestAlgorithm.SHA_256));
        assertThat(ha1s.ha1("999", DigestAlgorithm.MD5)).hasSize(32);
    }

    @Test
    void changedSecretIsPickedUpAfterForget() {
        String before = ha1s.ha1("101", DigestAlgorithm.MD5);
        secrets.put("101", "new-secret");
        assertThat(ha1s.ha1("101", DigestAlgorithm.MD5)).as("cached").isEqualTo(before);
        ha1s.forget("101");
        assertThat(ha1s.ha1("101", DigestAlgorithm.MD5)).isEqualTo(DigestAlgorithm.MD5.ha1("101", REALM, "new-secret"));
    }
}
