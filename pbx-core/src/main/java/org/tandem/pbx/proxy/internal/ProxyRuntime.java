package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.hold.MusicOnHold;

/**
 * What every response context shares: the forwarder, the registry of live contexts, dialog events,
 * and timers. A timer only enqueues its work back onto the Call-ID stripe, so timer callbacks see the
 * same single-threaded state as SIP events (docs/architecture.md, threading model).
 */
public record ProxyRuntime(
        Forwarder forwarder,
        ResponseContexts contexts,
        DialogEvents dialogs,
        AnsweredCalls answeredCalls,
        RingingCalls ringing,
        Referrals referrals,
        ScheduledExecutorService timers,
        SerialExecutors stripes,
        MusicOnHold hold,
        MediaAnchor anchor,
        AnchoredDialogs anchoredDialogs) {

    private static final Logger log = LoggerFactory.getLogger(ProxyRuntime.class);

    ScheduledFuture<?> scheduleOnStripe(String callId, Duration delay, Runnable task) {
        return timers.schedule(
                () -> {
                    if (!stripes.execute(callId, task)) log.warn("Overloaded: timer for call {} dropped", callId);
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
