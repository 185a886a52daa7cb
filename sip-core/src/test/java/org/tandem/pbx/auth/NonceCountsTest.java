package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceCountsTest {

    static final long PERIOD = 360_000;
    final NonceCounts counts = new NonceCounts(PERIOD, 1_000);

    /** RFC 7616 §3.4.5: each answer that reuses a nonce must count higher. */
    @Test
    void aCountMustGrowWithEveryAnswerToTheSameNonce() {
        assertThat(counts.accept(1L, 1_000, 1)).isTrue();
        assertThat(counts.accept(1L, 1_000, 1)).as("replayed").isFalse();
        assertThat(counts.accept(1L, 1_000, 2)).isTrue();
        assertThat(counts.accept(1L, 1_000, 1)).as("older").isFalse();
        assertThat(counts.accept(2L, 1_000, 1)).as("another nonce").isTrue();
    }

    /** Answers to a nonce meet in the map of its issue time, however late they come: live nonces of two periods. */
    @Test
    void noncesOfTheLastTwoPeriodsAreKeptApart() {
        long late = PERIOD - 1;
        assertThat(counts.accept(-7L, late, 1)).isTrue();
        assertThat(counts.accept(0L, PERIOD + 5, 1)).isTrue();
        assertThat(counts.accept(-7L, late, 1))
                .as("still remembered in the next period")
                .isFalse();
        assertThat(counts.accept(0L, PERIOD + 5, 1)).isFalse();
    }

    @Test
    void aPeriodIsForgottenWhenItsSlotIsTakenAgainAndOlderNoncesAreRefused() {
        assertThat(counts.accept(20L, 10, 1)).isTrue();
        assertThat(counts.accept(21L, 3 * PERIOD + 10, 1)).isTrue(); // the same slot, three periods on
        assertThat(counts.accept(20L, 10, 2))
                .as("a nonce that old was never valid now")
                .isFalse();
        assertThat(counts.accept(21L, 3 * PERIOD + 10, 1)).isFalse();
    }

    /** Nonces are known by their sequence: any long, from a random start, so also zero and negative ones. */
    @Test
    void everySequenceIsAKeyAndManyAreKeptApart() {
        for (long seq = Long.MAX_VALUE - 200; seq != Long.MIN_VALUE + 200; seq++) {
            assertThat(counts.accept(seq, 7, 3)).isTrue();
        }
        for (long seq = Long.MAX_VALUE - 200; seq != Long.MIN_VALUE + 200; seq++) {
            assertThat(counts.accept(seq, 7, 3)).as("count 3 of %d again", seq).isFalse();
            assertThat(counts.accept(seq, 7, 4)).isTrue();
        }
    }

    @Test
    void aFullPeriodForgetsItsCountsRatherThanGrowing() {
        for (int i = 0; i < 1_000; i++) assertThat(counts.accept(i, 5, 1)).isTrue();
        assertThat(counts.accept(0, 5, 1))
                .as("known while the period is not full")
                .isFalse();
        assertThat(counts.accept(5_000, 5, 1)).isTrue();
        assertThat(counts.accept(0, 5, 1)).as("forgotten").isTrue();
    }
}
