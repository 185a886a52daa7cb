package org.tandem.media.relay.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.RelayEvents;
import org.tandem.media.relay.Side;

/** A relayed call: its two faces, on one IO loop so all its packets are handled by one thread. */
final class RelayedCall implements RelayCall {

    private static final Logger log = LoggerFactory.getLogger(RelayedCall.class);

    private final String callId;
    final Face caller;
    final Face callee;
    private final RelayLoop loop;
    private final RelayEvents events;
    private final Executor callbacks;
    private volatile boolean closed;
    private boolean deadReported;

    RelayedCall(String callId, Face caller, Face callee, RelayLoop loop, RelayEvents events, Executor callbacks) {
        this.callId = callId;
        this.caller = caller;
        this.callee = callee;
        this.loop = loop;
        this.events = events;
        this.callbacks = callbacks;
    }

    @Override
    public Face leg(Side side) {
        return side == Side.CALLER ? caller : callee;
    }

    Face other(Face face) {
        return face == caller ? callee : caller;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        loop.remove(this);
    }

    /** On the IO loop, about once a second: a dead stream is reported once per call. */
    void checkDead(long timeoutNanos, long now) {
        if (closed || deadReported) return;
        Face silent = caller.isSilentFor(timeoutNanos, now) ? caller : callee.isSilentFor(timeoutNanos, now) ? callee : null;
        if (silent == null) return;
        deadReported = true;
        Side side = silent.side;
        try {
            callbacks.execute(() -> events.streamDead(side));
        } catch (RejectedExecutionException e) {
            log.warn("Call {}: cannot report the dead stream of the {} (its executor refused)", callId, side);
        }
    }
}
