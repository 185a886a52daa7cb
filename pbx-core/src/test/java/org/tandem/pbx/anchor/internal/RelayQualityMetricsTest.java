package org.tandem.pbx.anchor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallMedia;

class RelayQualityMetricsTest {

    @Test
    void eachRelayedStreamThatSentIsCountedOnceDirectCallsAreNot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RelayQualityMetrics metrics = new RelayQualityMetrics();
        metrics.bindTo(registry);
        metrics.on(new CallMedia(
                "a", Instant.now(), true, new CallMedia.Stream(1500, 3, 4.0), new CallMedia.Stream(1490, 1, 2.0)));
        metrics.on(new CallMedia(
                "b", Instant.now(), true, new CallMedia.Stream(0, 0, 0), new CallMedia.Stream(10, 0, 6.0)));
        metrics.on(
                new CallMedia("c", Instant.now(), false, new CallMedia.Stream(9, 9, 9), new CallMedia.Stream(9, 9, 9)));
        var lost = registry.get("tandem.media.relay.stream.lost").summary();
        var jitter = registry.get("tandem.media.relay.stream.jitter").summary();
        assertThat(lost.count()).isEqualTo(3);
        assertThat(lost.totalAmount()).isEqualTo(4.0);
        assertThat(jitter.max()).isEqualTo(6.0);
        assertThat(jitter.totalAmount()).isEqualTo(12.0);
    }
}
