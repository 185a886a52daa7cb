package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.testsupport.MutableClock;

class NoncesTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final Nonces nonces = new Nonces(new byte[32], clock, Duration.ofMinutes(5));

    @Test
    void freshNonceIsValidAndUnique() {
        String n = nonces.issue();
        assertThat(nonces.check(n)).isEqualTo(Nonces.Verdict.VALID);
        assertThat(nonces.issue()).isNotEqualTo(n);
    }

    /** The sequence, not randomness, keeps nonces apart: many in the same millisecond to one address all differ. */
    @Test
    void noncesIssuedInTheSameMillisecondAllDiffer() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < 10_000; i++) issued.add(nonces.issue("192.0.2.7"));
        assertThat(issued).hasSize(10_000);
        assertThat(issued)
                .allSatisfy(n -> assertThat(nonces.check(n, "192.0.2.7")).isEqualTo(Nonces.Verdict.VALID));
    }

    /** What nonce counts are kept by (NonceCounts): one sequence per nonce, none shared, the issue time beside it. */
    @Test
    void eachNonceHasItsOwnSequence() {
        Set<Long> sequences = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String n = nonces.issue("192.0.2.7");
            sequences.add(nonces.sequenceOf(n));
            assertThat(nonces.issuedAt(n)).isEqualTo(clock.millis());
        }
        assertThat(sequences).hasSize(10_000);
        String a = nonces.issue("192.0.2.7");
        assertThat(nonces.sequenceOf(nonces.issue("192.0.2.8"))).isEqualTo(nonces.sequenceOf(a) + 1);
    }

    /** A nonce whose time or sequence was changed in any bit is not ours: the MAC covers both. */
    @Test
    void aNonceWithAnyBitOfItsBodyChangedIsForeign() {
        String n = nonces.issue("192.0.2.7");
        byte[] raw = Base64.getUrlDecoder().decode(n);
        for (int i = 0; i < 16 * 8; i++) {
            byte[] changed = raw.clone();
            changed[i / 8] ^= (byte) (1 << (i % 8));
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThat(nonces.check(forged, "192.0.2.7")).isEqualTo(Nonces.Verdict.FOREIGN);
        }
    }

    @Test
    void nonceExpiresAfterItsLifetime() {
        String n = nonces.issue();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(nonces.check(n)).isEqualTo(Nonces.Verdict.VALID);
        clock.advance(Duration.ofMillis(1));
        assertThat(nonces.check(n)).isEqualTo(Nonces.Verdict.EXPIRED);
    }

    @Test
    void tamperedOrForeignNoncesAreRefused() {
        String n = nonces.issue();
        char[] c = n.toCharArray();
        c[2] = c[2] == 'A' ? 'B' : 'A';
        assertThat(nonces.check(new String(c))).isEqualTo(Nonces.Verdict.FOREIGN);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new Nonces(otherKey, clock, Duration.ofMinutes(5)).check(n)).isEqualTo(Nonces.Verdict.FOREIGN);
        assertThat(nonces.check("not-a-nonce!")).isEqualTo(Nonces.Verdict.FOREIGN);
        assertThat(nonces.check("")).isEqualTo(Nonces.Verdict.FOREIGN);
    }

    @Test
    void nonceFromTheFutureIsRefused() {
        MutableClock later = new MutableClock(clock.instant().plus(Duration.ofMinutes(1)));
        String fromFuture = new Nonces(new byte[32], later, Duration.ofMinutes(5)).issue();
        assertThat(nonces.check(fromFuture)).isEqualTo(Nonces.Verdict.FOREIGN);
    }

    /** RFC 7616 §5.5, issue 22 finding 5: only the address the challenge went to can answer it. */
    @Test
    void aNonceIsBoundToTheAddressItWasSentTo() {
        String n = nonces.issue("192.0.2.7");
        assertThat(nonces.check(n, "192.0.2.7")).isEqualTo(Nonces.Verdict.VALID);
        assertThat(nonces.check(n, "192.0.2.8")).isEqualTo(Nonces.Verdict.FOREIGN);
        assertThat(nonces.check(n, "2001:db8::7")).isEqualTo(Nonces.Verdict.FOREIGN);
        assertThat(nonces.check(null, "192.0.2.7")).isEqualTo(Nonces.Verdict.FOREIGN);
    }
}
