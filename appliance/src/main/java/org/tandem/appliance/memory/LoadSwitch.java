package org.tandem.appliance.memory;

/**
 * Busy or quiet, from what the process allocated on the heap over successive samples (bytes a second), with a gap
 * between the two thresholds so that a load near one does not flip the state at every sample. Busy at once (one
 * sample at 10 MB/s or more: the heap must have room before the load fills it); quiet only after six samples in a row
 * under 5 MB/s. Measured (bench/RESULTS.md, session 50): an idle appliance allocates ~0.1 MB/s, ten calls a second
 * ~2.7 MB/s (~260 KB a call), so busy is ~40 calls a second and quiet under ~20. Allocation is what the heap's
 * settings are for, and it costs the same on every host: the process's CPU, used before, is 0.5 % of a core on an idle
 * appliance here but 5-14 % on a host where touching memory left alone for a second is slow (session 49), which never
 * counted as quiet there and so never gave memory back.
 */
final class LoadSwitch {

    static final double BUSY = 10e6;
    static final double QUIET = 5e6;
    static final int QUIET_SAMPLES = 6;

    enum Change {
        NONE,
        BECAME_BUSY,
        BECAME_QUIET
    }

    private boolean busy;
    private int quietSamples;

    /** @param busy the state to begin in */
    LoadSwitch(boolean busy) {
        this.busy = busy;
    }

    /** @param bytesPerSecond what the process allocated over the sample, a second */
    Change sample(double bytesPerSecond) {
        if (bytesPerSecond >= BUSY) {
            quietSamples = 0;
            if (busy) return Change.NONE;
            busy = true;
            return Change.BECAME_BUSY;
        }
        quietSamples = bytesPerSecond < QUIET ? quietSamples + 1 : 0;
        if (!busy || quietSamples < QUIET_SAMPLES) return Change.NONE;
        busy = false;
        return Change.BECAME_QUIET;
    }

    boolean busy() {
        return busy;
    }
}
