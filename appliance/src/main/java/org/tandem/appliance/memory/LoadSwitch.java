package org.tandem.appliance.memory;

/**
 * Busy or quiet, from what the process allocated on the heap over successive samples (bytes a second), with a gap
 * between the two thresholds so that a load near one does not flip the state at every sample. Busy at once (one
 * sample at 2 MB/s or more: the heap must have room before the load fills it); quiet only after a minute of samples in
 * a row under 1 MB/s. Measured (bench/RESULTS.md, sessions 50 and 60): an idle appliance allocates ~0.1 MB/s, ten calls
 * a second ~2.7 MB/s (~260 KB a call), 300 REGISTERs a second ~10 MB/s (~33 KB a challenged REGISTER), so busy is
 * ~7 calls or ~60 REGISTERs a second. At 300 REGISTERs a second the quiet flags kept the heap at 132 MB (its live
 * data and a little): a young collection every 2 s and a concurrent cycle every ~10 s, each with a 14-16 ms remark
 * pause; G1's own settings an 860 MB heap and a young collection every ~50 s (session 60; 0.30 against 0.27 ms of CPU
 * per REGISTER over six rounds each, within the machine's spread). Under 1 MB/s the quiet heap collects a fifth as
 * often or less. Allocation is what the heap's settings are for, and it costs the same on every host: the
 * process's CPU, used before, is 0.5 % of a core on an idle appliance here but 5-14 % on a host where touching memory
 * left alone for a second is slow (session 49), which never counted as quiet there and so never gave memory back.
 */
final class LoadSwitch {

    static final double BUSY = 2e6;
    static final double QUIET = 1e6;
    /** A minute of samples. */
    static final int QUIET_SAMPLES = (int) (IdleMemoryReturn.QUIET_SECONDS / IdleMemoryReturn.SAMPLE_SECONDS);

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
