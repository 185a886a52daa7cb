package org.tandem.media.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * When a source other than the latched one takes the latch over after a new offer or answer
 * ({@link Expectation#displaces}), on an explicit clock: only the source carried over from the previous expectation,
 * only from the party's own IPs, and only for {@link Expectation#RELEARN_NANOS} (2 s) after the new expectation.
 */
class ExpectationTest {

    static final InetAddress PHONE_IP = InetAddress.getLoopbackAddress();
    static final InetSocketAddress OLD_PORT = new InetSocketAddress(PHONE_IP, 4000);
    static final InetSocketAddress NEW_PORT = new InetSocketAddress(PHONE_IP, 4002);
    static final long OFFER = 1_000_000_000_000L; // the new offer's System.nanoTime()

    static Expectation expectation(Expectation previous) {
        return new Expectation(new InetSocketAddress(PHONE_IP, 9), null, false, PHONE_IP, 8000, false, OFFER, previous);
    }

    static Expectation latchedAt(InetSocketAddress source) {
        Expectation e = expectation(null);
        e.latchedRtp = source;
        e.latchedRtcp = new InetSocketAddress(source.getAddress(), source.getPort() + 1);
        return e;
    }

    @Test
    void theCarriedOverSourceYieldsToAnotherPortOfThePartyForTwoSeconds() {
        Expectation renewed = expectation(latchedAt(OLD_PORT));

        assertThat(renewed.displaces(false, OLD_PORT, NEW_PORT, OFFER)).isTrue();
        assertThat(renewed.displaces(false, OLD_PORT, NEW_PORT, OFFER + Expectation.RELEARN_NANOS - 1))
                .isTrue();
        assertThat(renewed.displaces(false, OLD_PORT, NEW_PORT, OFFER + Expectation.RELEARN_NANOS))
                .as("the relearning time is over")
                .isFalse();
        InetSocketAddress oldRtcp = new InetSocketAddress(PHONE_IP, 4001);
        assertThat(renewed.displaces(true, oldRtcp, new InetSocketAddress(PHONE_IP, 4003), OFFER))
                .as("RTCP the same way, from its own carried-over source")
                .isTrue();
    }

    @Test
    void aFreshLatchAnotherIpOrAFirstExpectationIsNeverDisplaced() throws Exception {
        Expectation renewed = expectation(latchedAt(OLD_PORT));
        assertThat(renewed.displaces(false, NEW_PORT, OLD_PORT, OFFER))
                .as("a source latched under this expectation stays")
                .isFalse();
        InetSocketAddress stranger = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 4002);
        assertThat(renewed.displaces(false, OLD_PORT, stranger, OFFER))
                .as("only the party's own IPs (RTP bleed)")
                .isFalse();
        assertThat(expectation(null).displaces(false, OLD_PORT, NEW_PORT, OFFER))
                .as("a first expectation carries nothing over")
                .isFalse();
    }
}
