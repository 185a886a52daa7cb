package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceCountsTest {

    static final long PERIOD = 360_000;
    final NonceCounts counts = new NonceCounts(PERIOD, 1_000);

    /** RFC 7616 §3.4.5: each answer that reuses a nonce must count higher. */
    @Test
    void aCountMustGrowWithEveryAnswerToTheSameNonce() {
        assertThat(counts.accept("n1", 1_000, 1)).isTrue();
        assertThat(counts.accept("n1", 1_000, 1)).as("replayed").isFalse();
        assertThat(counts.accept("n1", 1_000, 2)).isTrue();
        assertThat(counts.accept("n1", 1_000, 1)).as("older").isFalse();
        assertThat(counts.accept("n2", 1_000, 1)).as("another nonce").isTrue();
    }

    /** Answers to a nonce meet in the map of its issue time, however late they come: live nonces of two periods. */
    @Test
    void noncesOfTheLastTwoPeriodsAreKeptApart() {
        long late = PERIOD - 1;
        assertThat(counts.accept("a", late, 1)).isTrue();
        assertThat(counts.accept("b", PERIOD + 5, 1)).isTrue();
        assertThat(counts.accept("a", late, 1))
                .as("still remembered in the next period")
                .isFalse();
        assertThat(counts.accept("b", PERIOD + 5, 1)).isFalse();
    }

    @Test
    void aPeriodIsForgottenWhenItsSlotIsTakenAgainAndOlderNoncesAreRefused() {
        assertThat(counts.accept("old", 10, 1)).isTrue();
        assertThat(counts.accept("new", 3 * PERIOD + 10, 1)).isTrue(); // the same slot, three periods on
        assertThat(counts.accept("old", 10, 2))
                .as("a nonce that old was never valid now")
                .isFalse();
        assertThat(counts.accept("new", 3 * PERIOD + 10, 1)).isFalse();
    }

    @Test
    void aFullPeriodForgetsItsCountsRatherThanGrowing() {
        for (int i = 0; i < 1_000; i++) assertThat(counts.accept("n" + i, 5, 1)).isTrue();
        assertThat(counts.accept("n0", 5, 1))
                .as("known while the period is not full")
                .isFalse();
        assertThat(counts.accept("one more", 5, 1)).isTrue();
        assertThat(counts.accept("n0", 5, 1)).as("forgotten").isTrue();
    }
}
