package org.tandem.pbx.call;

import java.time.Instant;

/**
 * A call attempt entered the PBX: raised once per out-of-dialog INVITE the proxy routes (not for
 * its own spirals). Exactly one {@link CallEnded} follows for the same {@code callId}.
 *
 * @param callId          the INVITE's Call-ID, the key of every later event of this attempt
 * @param callerExtension the local extension that called (authenticated), or null (trunk, service)
 * @param callerNumber    the caller's number as presented (From user part), never null
 * @param callerName      the caller's display name, or null
 * @param dialled         what was dialled (Request-URI user part as received)
 * @param trunk           the trunk an inbound call came in on, else null
 * @param did             the number the provider delivered an inbound call to, else null
 * @param linkedCallId    the Call-ID of the call this one continues (transfer, pickup), else null
 */
public record CallStarted(
        String callId,
        Instant at,
        String callerExtension,
        String callerNumber,
        String callerName,
        String dialled,
        CallDirection direction,
        String trunk,
        String did,
        String linkedCallId)
        implements CallEvent {

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
