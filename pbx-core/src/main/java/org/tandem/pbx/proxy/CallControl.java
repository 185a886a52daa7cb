package org.tandem.pbx.proxy;

import java.util.concurrent.CompletableFuture;
import org.tandem.pbx.anchor.RecordingToggle;

/** What an operator (the operator panel, the API) may do to a call the proxy carries. */
public interface CallControl {

    /**
     * Ends an answered call: each end gets a BYE with an RFC 3326 Reason saying the operator hung up, and the call
     * record ends with side SYSTEM and cause {@code operator}. Completes with false when no answered call of Tandem's
     * (media anchored) has this Call-ID.
     */
    CompletableFuture<Boolean> hangUp(String callId);

    /**
     * A blind transfer by the operator (RFC 3515): the caller ({@code transferCaller}) or the callee is asked, in the
     * call's own dialog, to call {@code target} (an extension, park orbit or number as dialled, or {@code
     * voicemail:<box>}: then the leave-a-message code and the box; a park orbit: the park code and the orbit, so it
     * is parked in that orbit whether or not its phone copies Referred-By, RFC 3892 §3). The line the call stays on is
     * the transferor: the parker, and its class applies to the new call (issue 22). Tandem answers the transferee's
     * NOTIFYs (RFC 3515 §2.4.4) and ends the old call on both sides at the first one saying the new call started
     * (RFC 5589 §6), or 2 s after the REFER was accepted when none comes. Completes with the REFER's final status
     * (202 accepted; 4xx-6xx refused; 404
     * when Tandem carries no answered call with this Call-ID).
     */
    CompletableFuture<Integer> transfer(String callId, boolean transferCaller, String target);

    /**
     * Sends a call nobody has answered yet elsewhere (the operator's transfer of a ringing call, or "pick up" to the
     * operator's own phone): what rings is cancelled and the caller's same INVITE goes on to {@code target} (a number
     * as dialled, or {@code voicemail:<box>}), as a forward of {@code line} would. Completes with 200 once the call goes
     * there, 404 when no call with this Call-ID is ringing, or the dial plan's refusal (403 not permitted, 404 no such
     * number), in which case the call keeps ringing where it did.
     */
    CompletableFuture<Integer> deflect(String callId, String line, String target);

    /**
     * Starts ({@code start}) or stops recording an answered call (issue 18), the on-demand recording a party starts
     * with the key code ({@code *1}): the same file, listing and announcement. Only a call whose audio passes the media
     * relay can be recorded ({@link RecordingToggle#NOT_ANCHORED} otherwise, and the other refusals say why).
     */
    CompletableFuture<RecordingToggle> record(String callId, boolean start);

    /** Whether the call with this Call-ID is being recorded now. */
    boolean isRecording(String callId);
}
