package org.tandem.appliance.memory;

/**
 * Busy or quiet, from the process's CPU over successive samples, with a gap between the two thresholds so that a load
 * near one does not flip the state at every sample. Busy at once (one sample at 5 % of a core or more: the heap must
 * have room before the load fills it); quiet only after six samples in a row under 2.5 % (an idle appliance uses
 * ~0.5 %, ~1 % while the last calls' transactions end, and G1's periodic cycle adds ~0.3-0.5 % for a minute).
 */
final class LoadSwitch {

    static final double BUSY = 0.05;
    static final double QUIET = 0.025;
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

    /** @param coreShare CPU time over wall time of the sample (1.0: one core all the time) */
    Change sample(double coreShare) {
        if (coreShare >= BUSY) {
            quietSamples = 0;
            if (busy) return Change.NONE;
            busy = true;
            return Change.BECAME_BUSY;
        }
        quietSamples = coreShare < QUIET ? quietSamples + 1 : 0;
        if (!busy || quietSamples < QUIET_SAMPLES) return Change.NONE;
        busy = false;
        return Change.BECAME_QUIET;
    }

    boolean busy() {
        return busy;
    }
}
