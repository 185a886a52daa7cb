package org.tandem.pbx.cdr.internal;

import java.time.Instant;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.routing.Destination;

/**
 * Folds call lifecycle events into a call's row. Every event is applied to the row of its Call-ID
 * whatever the order they arrive in: the first event makes the row (an end that overtook its start
 * makes a row the start fills in later), a repeated start, answer or end changes nothing, and the
 * billable time is computed once both the answer and the end are known.
 */
final class CdrFold {

    /** The column width of {@code call_id}; longer Call-IDs are cut the same way on every event. */
    static final int CALL_ID_MAX = 255;

    /** The hangup cause of a blocked caller's call ({@link CallBlocked#cause()}). */
    private static final String BLOCKLIST = "blocklist";

    private CdrFold() {}

    /** The key of the row {@code event} belongs to, or null when it is not a call event. */
    static String callId(Object event) {
        String id;
        if (event instanceof CallStarted e) id = e.callId();
        else if (event instanceof CallRouted e) id = e.callId();
        else if (event instanceof CallTrunkUsed e) id = e.callId();
        else if (event instanceof CallAnswered e) id = e.callId();
        else if (event instanceof CallEnded e) id = e.callId();
        else if (event instanceof CallMedia e) id = e.callId();
        else if (event instanceof CallBlocked e) id = e.callId();
        else if (event instanceof CallQueued e) id = e.callId();
        else return null;
        if (id == null || id.isEmpty()) return null;
        return id.length() <= CALL_ID_MAX ? id : id.substring(0, CALL_ID_MAX);
    }

    /**
     * Applies {@code event} to {@code row}.
     *
     * @param row the call's row so far, or null when there is none yet
     * @return the row (a new one when {@code row} was null)
     */
    static CdrRow fold(CdrRow row, Object event) {
        String id = callId(event);
        if (id == null) throw new IllegalArgumentException("not a call event: " + event);
        Instant at = at(event);
        long atMs = at == null ? System.currentTimeMillis() : at.toEpochMilli();
        if (row == null) {
            row = new CdrRow(id);
            row.startMs = atMs;
            row.lastSeenMs = atMs;
        }
        row.lastSeenMs = Math.max(row.lastSeenMs, atMs);
        if (event instanceof CallStarted e) started(row, e, atMs);
        else if (event instanceof CallRouted e) routed(row, e);
        else if (event instanceof CallTrunkUsed e) trunkUsed(row, e);
        else if (event instanceof CallAnswered e) answered(row, e, atMs);
        else if (event instanceof CallEnded e) ended(row, e, atMs);
        else if (event instanceof CallMedia e) media(row, e);
        else if (event instanceof CallBlocked e) blocked(row, e);
        else if (event instanceof CallQueued e) queued(row, e);
        return row;
    }

    private static void started(CdrRow row, CallStarted e, long atMs) {
        if (row.started) return; // a duplicate: the first start stands
        row.started = true;
        row.startMs = atMs;
        row.callerExtension = e.callerExtension();
        row.callerNumber = e.callerNumber();
        row.callerName = e.callerName();
        row.dialled = e.dialled();
        row.direction = e.direction();
        if (e.trunk() != null) row.trunk = e.trunk();
        row.did = e.did();
        row.linkedCallId = e.linkedCallId();
        // an internal call rings the dialled extension (when it is one: a ring group or feature code
        // number offers nobody, and no user has such an extension)
        if (e.direction() == CallDirection.INTERNAL) row.offer(e.dialled());
        billable(row);
    }

    private static void routed(CdrRow row, CallRouted e) {
        String destination = e.destination();
        String extension = Destination.Extension.numberIn(destination);
        if (extension != null) row.offer(extension);
        // the last destination before the answer is where the call went (CallRouted)
        if (row.answerMs != null) return;
        if (destination != null) row.destination = destination;
        if (e.ringGroup() != null) row.ringGroup = e.ringGroup();
        if (e.forwardedFrom() != null) row.forwardedFrom = e.forwardedFrom();
    }

    private static void trunkUsed(CdrRow row, CallTrunkUsed e) {
        if (e.trunk() == null) return;
        boolean answeredThere = row.trunk != null && row.trunkStatus >= 200 && row.trunkStatus < 300;
        if (answeredThere && !e.trunk().equals(row.trunk)) return; // the trunk that answered is the call's
        row.trunk = e.trunk();
        row.trunkStatus = e.status();
    }

    private static void answered(CdrRow row, CallAnswered e, long atMs) {
        if (row.answerMs != null) return; // the first 2xx is the answer
        row.answerMs = atMs;
        row.answeredBy = e.answeredBy();
        billable(row);
    }

    private static void ended(CdrRow row, CallEnded e, long atMs) {
        if (row.ended()) return; // exactly one end counts
        row.endMs = atMs;
        boolean blocked = isBlocked(row);
        row.disposition =
                blocked ? Disposition.BLOCKED : e.disposition() == null ? Disposition.FAILED : e.disposition();
        row.sipStatus = e.sipStatus() > 0 ? e.sipStatus() : null;
        row.hangupSide = e.hangupSide();
        if (!blocked) row.hangupCause = e.cause();
        billable(row);
    }

    /** A blocked caller: BLOCKED whichever treatment ended it (refused, or answered by the blocklist's prompt). */
    private static void blocked(CdrRow row, CallBlocked e) {
        // kept in the hangup cause at once: the writer may store the row and read it back before the end comes
        row.hangupCause = e.cause() == null || !e.cause().startsWith(BLOCKLIST) ? BLOCKLIST : e.cause();
        if (row.ended()) row.disposition = Disposition.BLOCKED;
    }

    /**
     * A caller left a queue's line: the queue, how, how long they waited, the agent who answered (who was offered the
     * call, so it is in their call log). A caller sent on from one queue to another keeps the last queue's outcome.
     */
    private static void queued(CdrRow row, CallQueued e) {
        row.queue = new CallRecord.Queued(e.queue(), e.outcome(), e.waitMillis(), e.agent());
        row.newQueueVisits.add(row.queue); // every queue counts the call, also one it was sent on from
        row.offer(e.agent());
    }

    private static boolean isBlocked(CdrRow row) {
        return row.hangupCause != null && row.hangupCause.startsWith(BLOCKLIST);
    }

    private static void media(CdrRow row, CallMedia e) {
        row.mediaRelayed = e.relayed();
        row.callerMedia = e.caller();
        row.calleeMedia = e.callee();
    }

    /**
     * Closes a row that a stop or crash left in progress: it ended when it was last known to be alive,
     * answered calls stay ANSWERED (billed up to then), the others count as FAILED, and the PBX hung up.
     */
    static void closeAtRestart(CdrRow row) {
        if (row.ended()) return;
        row.endMs = Math.max(row.lastSeenMs, row.startMs);
        row.disposition = row.answerMs != null ? Disposition.ANSWERED : Disposition.FAILED;
        row.sipStatus = row.answerMs != null ? Integer.valueOf(200) : null;
        row.hangupSide = HangupSide.SYSTEM;
        row.closedAtRestart = true;
        billable(row);
    }

    /** Answer to end, to the nearest second; 0 until both are known (or if they are out of order). */
    static void billable(CdrRow row) {
        if (row.answerMs == null || row.endMs == null) {
            row.billableSeconds = 0;
            return;
        }
        row.billableSeconds = Math.max(0, (row.endMs - row.answerMs + 500) / 1000);
    }

    private static Instant at(Object event) {
        if (event instanceof CallStarted e) return e.at();
        if (event instanceof CallRouted e) return e.at();
        if (event instanceof CallTrunkUsed e) return e.at();
        if (event instanceof CallAnswered e) return e.at();
        if (event instanceof CallEnded e) return e.at();
        if (event instanceof CallMedia e) return e.at();
        if (event instanceof CallBlocked e) return e.at();
        if (event instanceof CallQueued e) return e.at();
        return null;
    }
}
