package org.tandem.pbx.cdr.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.cdr.CallRecord;

/**
 * The writer's working copy of one {@code cdr} row while events are folded into it (only ever touched
 * by the writer thread). Times are epoch milliseconds, as stored.
 */
final class CdrRow {

    final String callId;
    /** Already in the database (UPDATE), else INSERT. */
    boolean persisted;

    boolean started;
    String callerExtension;
    String callerNumber;
    String callerName;
    String answeredBy;
    String dialled;
    String did;
    String trunk;
    /** The status the current trunk's provider gave (0 pending): a trunk that answered is kept. */
    int trunkStatus;

    String ringGroup;
    String destination;
    String forwardedFrom;
    CallDirection direction;
    long startMs;
    Long answerMs;
    Long endMs;
    long lastSeenMs;
    long billableSeconds;
    Disposition disposition;
    HangupSide hangupSide;
    String hangupCause;
    /** Null until the call's media is known (CallMedia): relayed or not. */
    Boolean mediaRelayed;

    CallMedia.Stream callerMedia;
    CallMedia.Stream calleeMedia;
    Integer sipStatus;
    String linkedCallId;
    boolean closedAtRestart;
    /** The queue the caller waited in and how that ended (CallQueued), else null. */
    CallRecord.Queued queue;
    /** Queues the caller left (CallQueued) that the database does not know yet, in order. */
    final List<CallRecord.Queued> newQueueVisits = new ArrayList<>();
    /** Extensions the call was offered to that the database does not know yet. */
    final Set<String> newOffers = new LinkedHashSet<>();
    /** Every extension the call was offered to that this copy knows of. */
    final Set<String> offers = new LinkedHashSet<>();

    CdrRow(String callId) {
        this.callId = callId;
    }

    boolean ended() {
        return endMs != null;
    }

    void offer(String extension) {
        if (extension != null && !extension.isBlank() && offers.add(extension)) newOffers.add(extension);
    }

    CallRecord toRecord() {
        return new CallRecord(
                callId,
                direction,
                callerExtension,
                callerNumber,
                callerName,
                dialled,
                did,
                trunk,
                ringGroup,
                destination,
                forwardedFrom,
                answeredBy,
                Instant.ofEpochMilli(startMs),
                instant(answerMs),
                instant(endMs),
                billableSeconds,
                disposition,
                hangupSide,
                sipStatus,
                linkedCallId,
                closedAtRestart,
                hangupCause,
                mediaRelayed == null ? null : new CallRecord.Media(mediaRelayed, callerMedia, calleeMedia),
                queue);
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }
}
