package org.tandem.appliance.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.concurrent.Workers;

class IdleMemoryReturnTest {

    static final long SAMPLE = TimeUnit.SECONDS.toNanos(IdleMemoryReturn.SAMPLE_SECONDS);

    /** A JVM's three flags, refusing a minimum above the maximum as HotSpot does. */
    static class FakeVm implements VmOptions {
        final Map<String, String> flags = new HashMap<>();

        FakeVm(HeapPolicy started) {
            flags.put(HeapPolicy.MIN_FREE, Integer.toString(started.minFree()));
            flags.put(HeapPolicy.MAX_FREE, Integer.toString(started.maxFree()));
            flags.put(HeapPolicy.PERIODIC, Long.toString(started.periodicMillis()));
        }

        @Override
        public String get(String name) {
            return flags.get(name);
        }

        @Override
        public void set(String name, String value) {
            int v = Integer.parseInt(value);
            if (name.equals(HeapPolicy.MIN_FREE) && v > Integer.parseInt(flags.get(HeapPolicy.MAX_FREE))
                    || name.equals(HeapPolicy.MAX_FREE) && v < Integer.parseInt(flags.get(HeapPolicy.MIN_FREE))) {
                throw new IllegalArgumentException(name + "=" + value + " refused");
            }
            flags.put(name, value);
        }
    }

    final HeapPolicy unit = new HeapPolicy(10, 30, 60_000);
    final FakeVm vm = new FakeVm(unit);
    long allocated;
    long clock;
    final IdleMemoryReturn memory =
            new IdleMemoryReturn(Workers.unmeasured(), vm, Optional.of(() -> allocated), () -> clock);

    /** One sample's seconds in which the process allocated {@code bytesPerSecond}. */
    void sampleAt(double bytesPerSecond) {
        clock += SAMPLE;
        allocated += (long) (bytesPerSecond * IdleMemoryReturn.SAMPLE_SECONDS);
        memory.sample();
    }

    @Test
    void g1sOwnSettingsUnderLoadTheUnitsAfterAQuietMinute() {
        memory.begin(IdleMemoryReturn.quietPolicy(vm, true).orElseThrow());
        sampleAt(100e3); // idle
        assertThat(HeapPolicy.current(vm)).as("quiet from the start").isEqualTo(unit);

        sampleAt(40e6); // 150 calls a second
        assertThat(memory.busy()).isTrue();
        assertThat(HeapPolicy.current(vm)).isEqualTo(HeapPolicy.UNDER_LOAD);

        for (int i = 1; i < LoadSwitch.QUIET_SAMPLES; i++) {
            sampleAt(0.5e6); // the last calls, ~2 a second
            assertThat(HeapPolicy.current(vm))
                    .as("%d s quiet", i * IdleMemoryReturn.SAMPLE_SECONDS)
                    .isEqualTo(HeapPolicy.UNDER_LOAD);
        }
        sampleAt(100e3);
        assertThat(memory.busy()).isFalse();
        assertThat(HeapPolicy.current(vm)).as("a quiet minute: memory back").isEqualTo(unit);
    }

    @Test
    void stoppedWhileBusyItLeavesTheFlagsTheJvmStartedWithForTheNextContext() {
        memory.begin(IdleMemoryReturn.quietPolicy(vm, true).orElseThrow());
        sampleAt(40e6);
        assertThat(HeapPolicy.current(vm)).isEqualTo(HeapPolicy.UNDER_LOAD);

        memory.close(); // a restore restarts the context in the same JVM
        assertThat(HeapPolicy.current(vm)).isEqualTo(unit);
        assertThat(IdleMemoryReturn.quietPolicy(vm, true))
                .as("what the next context's instance reads as asked for")
                .contains(unit);
    }

    @Test
    void nothingToDoWhenTheJvmStartedWithoutAPeriodicCollectionOrWithAnotherCollector() {
        assertThat(IdleMemoryReturn.quietPolicy(new FakeVm(new HeapPolicy(40, 70, 0)), true))
                .as("plain java -jar, or -XX:G1PeriodicGCInterval=0")
                .isEmpty();
        assertThat(IdleMemoryReturn.quietPolicy(vm, false)).as("not G1").isEmpty();
        assertThat(IdleMemoryReturn.quietPolicy(vm, true)).contains(unit);
    }

    @Test
    void aRefusedFlagKeepsTheSamplerGoing() {
        FakeVm refusing = new FakeVm(unit) {
            @Override
            public void set(String name, String value) {
                throw new IllegalArgumentException("no");
            }
        };
        IdleMemoryReturn stubborn =
                new IdleMemoryReturn(Workers.unmeasured(), refusing, Optional.of(() -> allocated), () -> clock);
        stubborn.begin(unit);
        clock += SAMPLE;
        allocated += (long) (40e6 * IdleMemoryReturn.SAMPLE_SECONDS); // 40 MB a second
        stubborn.sample();
        assertThat(stubborn.busy())
                .as("the state follows the load even when the JVM keeps its flags")
                .isTrue();
        assertThat(HeapPolicy.current(refusing)).isEqualTo(unit);
    }
}
