package org.tandem.pbx.cdr.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.events.ListenerOrder;

/**
 * Hands the call lifecycle events to the CDR writer. They are raised on the SIP threads (the
 * Call-ID stripes), so this only enqueues: no I/O, no locks, never blocks.
 */
class CallEventListener implements CallListener {

    private static final Logger log = LoggerFactory.getLogger(CallEventListener.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final CdrWriter writer;
    private final Clock clock;
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.EPOCH);

    CallEventListener(CdrWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void on(CallStarted event) {
        record(event);
    }

    @Override
    public void on(CallRouted event) {
        record(event);
    }

    @Override
    public void on(CallTrunkUsed event) {
        record(event);
    }

    @Override
    public void on(CallAnswered event) {
        record(event);
    }

    @Override
    public void on(CallEnded event) {
        record(event);
    }

    @Override
    public void on(CallMedia event) {
        record(event);
    }

    @Override
    public void on(CallBlocked event) {
        record(event);
    }

    @Override
    public void on(CallQueued event) {
        record(event);
    }

    @Override
    public int order() {
        return ListenerOrder.RECORDS;
    }

    private void record(Object event) {
        if (writer.offer(event)) return;
        Instant now = clock.instant();
        Instant last = lastWarning.get();
        // at most one line per interval: under overload the log must not become the next bottleneck
        if (now.isAfter(last.plus(WARN_EVERY)) && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "CDR write queue full: call events are being dropped ({} so far); the database is too slow "
                            + "or unreachable",
                    writer.rejectedCount());
        }
    }
}
