package org.tandem.appliance.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tandem.appliance.memory.LoadSwitch.Change;

class LoadSwitchTest {

    @Test
    void oneBusySampleSwitchesAtOnceAndAnotherChangesNothing() {
        LoadSwitch load = new LoadSwitch(false);
        assertThat(load.sample(100e3)).isEqualTo(Change.NONE);
        assertThat(load.sample(LoadSwitch.BUSY)).isEqualTo(Change.BECAME_BUSY);
        assertThat(load.busy()).isTrue();
        assertThat(load.sample(40e6)).isEqualTo(Change.NONE);
    }

    @Test
    void theBenchmarksRegisterRateIsBusyAndAnIdleApplianceQuiet() {
        // measured allocation (bench/RESULTS.md, session 60): 300 REGISTERs a second ~10 MB/s, 60 ~2 MB/s, idle ~0.1
        assertThat(new LoadSwitch(false).sample(10e6)).isEqualTo(Change.BECAME_BUSY);
        assertThat(new LoadSwitch(false).sample(2e6)).isEqualTo(Change.BECAME_BUSY);
        LoadSwitch idle = new LoadSwitch(true);
        for (int i = 0; i < LoadSwitch.QUIET_SAMPLES - 1; i++) idle.sample(100e3);
        assertThat(idle.sample(100e3)).isEqualTo(Change.BECAME_QUIET);
        assertThat(LoadSwitch.QUIET_SAMPLES * IdleMemoryReturn.SAMPLE_SECONDS)
                .as("a minute")
                .isEqualTo(60);
    }

    @Test
    void quietOnlyAfterAMinuteOfQuietSamples() {
        LoadSwitch load = new LoadSwitch(true);
        for (int i = 1; i < LoadSwitch.QUIET_SAMPLES; i++) {
            assertThat(load.sample(100e3)).as("quiet sample %d", i).isEqualTo(Change.NONE);
        }
        assertThat(load.sample(100e3)).isEqualTo(Change.BECAME_QUIET);
        assertThat(load.busy()).isFalse();
        assertThat(load.sample(0)).isEqualTo(Change.NONE);
    }

    @Test
    void aSampleBetweenTheThresholdsKeepsTheStateAndStartsTheQuietMinuteAgain() {
        LoadSwitch load = new LoadSwitch(true);
        for (int i = 1; i < LoadSwitch.QUIET_SAMPLES; i++) load.sample(0.5e6);
        assertThat(load.sample(1.5e6)).as("neither busy nor quiet").isEqualTo(Change.NONE);
        assertThat(load.busy()).isTrue();
        for (int i = 1; i < LoadSwitch.QUIET_SAMPLES; i++) {
            assertThat(load.sample(0.5e6))
                    .as("quiet sample %d after the middling one", i)
                    .isEqualTo(Change.NONE);
        }
        assertThat(load.sample(0.5e6)).isEqualTo(Change.BECAME_QUIET);

        LoadSwitch quiet = new LoadSwitch(false);
        assertThat(quiet.sample(1.9e6))
                .as("below busy: a quiet appliance stays quiet")
                .isEqualTo(Change.NONE);
        assertThat(quiet.busy()).isFalse();
    }
}
