package org.tandem.pbx.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 18: the recordings' disk use, a low disk and the calls it left unrecorded, as the metrics endpoint shows them. */
class RecordingMetricsTest {

    @Test
    void diskUseALowDiskAndSkippedCallsAreMeasured() {
        AtomicLong free = new AtomicLong(10L << 30);
        RecordingSpace space = new RecordingSpace(free::get, 512L << 20);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RecordingMetrics(space).bindTo(registry);

        space.refresh(4096);
        assertThat(registry.get("tandem.recordings.bytes").gauge().value()).isEqualTo(4096);
        assertThat(registry.get("tandem.recordings.disk.low").gauge().value()).isZero();
        assertThat(registry.get("tandem.recordings.skipped").functionCounter().count())
                .isZero();

        free.set(100L << 20); // below the 512 MB floor
        space.refresh(4096);
        assertThat(space.roomForAnother()).isFalse();
        assertThat(registry.get("tandem.recordings.disk.low").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tandem.recordings.skipped").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("tandem.recordings.quota.deleted")
                        .functionCounter()
                        .count())
                .isZero();
    }
}
