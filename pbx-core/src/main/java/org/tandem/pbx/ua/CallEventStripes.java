package org.tandem.pbx.ua;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.concurrent.SerialExecutors;

/**
 * Hands the events of calls with media (DTMF, playback and recording completions, timers, REFER outcomes) to their
 * Call-ID stripe. A full stripe refuses the event: the script never hears it, so the loss is made visible, never
 * silent: counted ({@code tandem_media_call_events_dropped_total}, beside the stripes' own refusals that turn the
 * {@code sipDispatch} health DOWN) and logged at WARN with the Call-ID, at most once per {@link #WARN_EVERY} (an
 * overload refuses thousands a second; the log says how many went unlogged in between).
 */
final class CallEventStripes {

    private static final Logger log = LoggerFactory.getLogger(CallEventStripes.class);
    static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private final SerialExecutors stripes;
    private final LongSupplier nanoTime;
    private final AtomicLong dropped = new AtomicLong();
    /** Guarded by {@code this}: drops not logged since the last warning, and when the next may be logged (nanoTime). */
    private long unlogged;

    private long nextWarning;
    private boolean warned;

    CallEventStripes(SerialExecutors stripes) {
        this(stripes, System::nanoTime);
    }

    CallEventStripes(SerialExecutors stripes, LongSupplier nanoTime) {
        this.stripes = stripes;
        this.nanoTime = nanoTime;
    }

    /** The executor of call {@code callId}'s events; {@code label} names the call in the warning (voicemail:201). */
    Executor of(String callId, String label) {
        return task -> {
            if (!stripes.execute(callId, task)) dropped(callId, label);
        };
    }

    /** Call events refused so far. */
    long droppedCount() {
        return dropped.get();
    }

    private void dropped(String callId, String label) {
        dropped.incrementAndGet();
        long before;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (warned && now - nextWarning < 0) {
                unlogged++;
                return;
            }
            warned = true;
            nextWarning = now + WARN_EVERY.toNanos();
            before = unlogged;
            unlogged = 0;
        }
        log.warn(
                "Call {} ({}): an event was dropped, its Call-ID stripe's queue is full (the server is overloaded); "
                        + "{} more dropped unlogged before it",
                callId,
                label,
                before);
    }
}
