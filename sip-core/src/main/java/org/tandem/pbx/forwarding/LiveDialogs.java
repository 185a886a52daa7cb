package org.tandem.pbx.forwarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialogs this proxy routes (issue 22, finding 3): a Record-Route of ours is only honoured for a dialog that
 * exists and is alive. Without this, anyone who once got a Record-Route from us — from a 180 of a call that then
 * failed — could send requests "in" that dialog with further Routes of their choice, and the proxy would relay
 * them anywhere, without credentials, forever (an open relay). Kamailio's {@code loose_route()} has the same hole
 * unless the dialog module checks the dialog; this is that check.
 *
 * <p>A Call-ID becomes known when we record-route a dialog-creating request; it stays alive while the request is
 * pending (up to {@link #SETUP}), for {@code idle} after its dialog is confirmed and after every in-dialog request
 * (a long call with no re-INVITE is still hung up by its BYE), for {@link #LINGER} after a BYE, and not at all once
 * its initial request failed. RFC 3261 §12.2.2: a request for a dialog that does not exist
 * is answered 481.
 *
 * <p>After a restart the map is empty: dialogs recorded by the previous run are honoured while their flow token is
 * younger than {@code idle}, and are known again from their first request on.
 */
public final class LiveDialogs {

    static final Duration SETUP = Duration.ofMinutes(10);
    static final Duration LINGER = Duration.ofSeconds(32); // 64*T1: a transaction's lifetime (RFC 3261 §17)
    private static final Duration SWEEP = Duration.ofMinutes(1);

    /** Until when a dialog is alive; {@code ending}: after its BYE or failure, nothing prolongs it. */
    private record Alive(Instant until, boolean ending) {}

    private final Map<String, Alive> aliveUntil = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;
    private final Instant started;
    private volatile Instant nextSweep;

    LiveDialogs(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
        this.started = clock.instant();
        this.nextSweep = started.plus(SWEEP);
    }

    /** A dialog-creating request of {@code callId} was record-routed (forwarded with our Record-Route). */
    public void routed(String callId) {
        extend(callId, SETUP);
        sweepNow();
    }

    /** A 2xx established it, or an in-dialog request went through: alive for {@code idle} from now. */
    public void active(String callId) {
        extend(callId, idle);
    }

    /** A BYE ended it: only what crosses the BYE still passes, for {@link #LINGER}. */
    public void ending(String callId) {
        end(callId, LINGER);
    }

    /**
     * Its initial request failed: no dialog came of it, nothing may follow (an ACK to the failure is hop by hop,
     * absorbed by the transaction; RFC 3261 §17.1.1.3).
     */
    public void failed(String callId) {
        end(callId, Duration.ZERO);
    }

    private void end(String callId, Duration linger) {
        Alive ended = new Alive(clock.instant().plus(linger), true);
        aliveUntil.merge(
                callId, ended, (old, fresh) -> old.ending() && old.until().isBefore(fresh.until()) ? old : fresh);
    }

    /**
     * True when an in-dialog request of {@code callId}, carrying a flow token of ours issued at {@code issuedAt}
     * (null: unknown), may be routed.
     */
    public boolean isAlive(String callId, Instant issuedAt) {
        Instant now = clock.instant();
        Alive alive = aliveUntil.get(callId);
        if (alive != null) return now.isBefore(alive.until());
        return issuedAt != null && issuedAt.isBefore(started) && now.isBefore(issuedAt.plus(idle)); // before a restart
    }

    int size() {
        return aliveUntil.size();
    }

    private void extend(String callId, Duration by) {
        Alive fresh = new Alive(clock.instant().plus(by), false);
        aliveUntil.merge(callId, fresh, (old, f) -> old.ending() || !f.until().isAfter(old.until()) ? old : f);
    }

    private void sweepNow() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) return;
        nextSweep = now.plus(SWEEP);
        aliveUntil.values().removeIf(alive -> !now.isBefore(alive.until()));
    }
}
