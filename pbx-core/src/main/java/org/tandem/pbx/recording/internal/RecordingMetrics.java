package org.tandem.pbx.recording.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tandem.pbx.recording.CallRecordings;

/** Call recordings' figures for the metrics endpoint: disk use, a low disk, recordings skipped or deleted for it. */
@Component
public class RecordingMetrics implements MeterBinder {

    private final RecordingSpace space;

    @Autowired // the constructor Spring uses; the other is the unit test's
    public RecordingMetrics(CallRecordings recordings) {
        this(recordings.space());
    }

    RecordingMetrics(RecordingSpace space) {
        this.space = space;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tandem.recordings.bytes", space, RecordingSpace::totalBytes)
                .baseUnit("bytes")
                .description("Bytes the listed call recordings take")
                .register(registry);
        Gauge.builder("tandem.recordings.disk.low", space, s -> s.diskLow() ? 1 : 0)
                .description("1 while the recordings' disk has less than tandem.recording.min-free-disk free")
                .register(registry);
        FunctionCounter.builder("tandem.recordings.skipped", space, RecordingSpace::skipped)
                .description("Calls the rules said to record that were not recorded: the disk was low")
                .register(registry);
        FunctionCounter.builder("tandem.recordings.quota.deleted", space, RecordingSpace::deletedForQuota)
                .description("Recordings deleted, oldest first, to keep within the quota")
                .register(registry);
    }
}
