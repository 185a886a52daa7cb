package org.tandem.pbx.park.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.tandem.media.ConferenceMixer;
import org.tandem.pbx.park.ParkedCallView;
import org.tandem.pbx.ua.MediaCall;

/**
 * One parked call: the caller's leg answered here (music on hold), the orbit it holds, who parked it. Changed
 * only on the parked leg's stripe, except {@link ParkLot}'s atomic orbit claims.
 */
final class ParkedCall {

    final String caller;
    final String callerName;
    final String parker;
    final Instant parkedAt;
    volatile String orbit;
    volatile MediaCall call;
    volatile Instant returnsAt;
    ScheduledFuture<?> timeout;
    /** set when retrieved: the mixer joining it with the retriever */
    ConferenceMixer bridge;

    MediaCall retriever;

    ParkedCall(String caller, String callerName, String parker, Instant parkedAt) {
        this.caller = caller;
        this.callerName = callerName;
        this.parker = parker;
        this.parkedAt = parkedAt;
    }

    ParkedCallView view() {
        return new ParkedCallView(orbit, caller, callerName, parker, parkedAt, returnsAt);
    }
}
