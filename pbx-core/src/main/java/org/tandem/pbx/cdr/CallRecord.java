package org.tandem.pbx.cdr;

import java.time.Instant;
import org.tandem.pbx.call.CallDirection;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;

/**
 * One call attempt as recorded. While the call is in progress {@code endedAt}, {@code disposition} and
 * {@code hangupSide} are null.
 *
 * @param answeredBy      the extension or external number that answered, else null
 * @param destination     where the router last offered the call before it was answered
 *                        ({@code org.tandem.pbx.routing.Destination} text form), else null
 * @param forwardedFrom   the extension whose forwarding sent the call on, else null
 * @param linkedCallId    the call this one continues (transfer, pickup), else null
 * @param billableSeconds answer to end, rounded to the nearest second; 0 when not answered
 * @param sipStatus       the final response the caller got (200 when answered), else null
 * @param closedAtRestart the process stopped during the call: it was closed at the next start-up, its
 *                        end is the last time it was known to be alive
 * @param hangupCause     why the PBX hung up, when it did ({@code rtp-timeout}: a relayed party sent no RTP), else null
 * @param media           how the media went, once known (relayed calls: what each party sent), else null
 * @param queue           the call queue the caller waited in and how that ended, else null
 */
public record CallRecord(
        String callId,
        CallDirection direction,
        String callerExtension,
        String callerNumber,
        String callerName,
        String dialled,
        String did,
        String trunk,
        String ringGroup,
        String destination,
        String forwardedFrom,
        String answeredBy,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        long billableSeconds,
        Disposition disposition,
        HangupSide hangupSide,
        Integer sipStatus,
        String linkedCallId,
        boolean closedAtRestart,
        String hangupCause,
        Media media,
        Queued queue) {

    /** A record of a call that reached no queue. */
    public CallRecord(
            String callId,
            CallDirection direction,
            String callerExtension,
            String callerNumber,
            String callerName,
            String dialled,
            String did,
            String trunk,
            String ringGroup,
            String destination,
            String forwardedFrom,
            String answeredBy,
            Instant startedAt,
            Instant answeredAt,
            Instant endedAt,
            long billableSeconds,
            Disposition disposition,
            HangupSide hangupSide,
            Integer sipStatus,
            String linkedCallId,
            boolean closedAtRestart,
            String hangupCause,
            Media media) {
        this(
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
                startedAt,
                answeredAt,
                endedAt,
                billableSeconds,
                disposition,
                hangupSide,
                sipStatus,
                linkedCallId,
                closedAtRestart,
                hangupCause,
                media,
                null);
    }

    /**
     * The caller's time in a call queue (issue 18).
     *
     * @param queue      the queue's number
     * @param waitMillis how long they waited in line
     * @param agent      the agent who answered, else null
     */
    public record Queued(String queue, CallQueued.Outcome outcome, long waitMillis, String agent) {}

    /** The call's media: relayed through the appliance or not, and per party what it sent (null when unknown). */
    public record Media(boolean relayed, CallMedia.Stream caller, CallMedia.Stream callee) {}
}
