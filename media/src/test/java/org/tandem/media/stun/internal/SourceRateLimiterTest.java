package org.tandem.media.stun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstThenTheRate() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(10, 3, 100, nanos::get);
        InetAddress a = InetAddress.getByName("192.0.2.1");

        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).as("burst spent").isFalse();

        nanos.addAndGet(100_000_000L); // 100 ms at 10/s: one token back
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();

        nanos.addAndGet(60_000_000_000L); // a minute: refilled up to the burst, no further
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
    }

    @Test
    void sourcesHaveTheirOwnBucketsAndTheTableIsBounded() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(1, 1, 2, nanos::get);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(a)).isFalse();
        assertThat(limiter.tryAcquire(InetAddress.getByName("192.0.2.2"))).isTrue();

        for (int i = 3; i < 100; i++) limiter.tryAcquire(InetAddress.getByName("192.0.2." + i));
        assertThat(limiter.trackedSources()).isEqualTo(2);
        assertThat(limiter.tryAcquire(a))
                .as("forgotten, so a fresh bucket: at most one burst more")
                .isTrue();
    }
}
