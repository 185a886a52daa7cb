package org.tandem.pbx.call;

import java.time.Instant;

/**
 * The caller of this call is on a blocklist: whatever its treatment (a refusal, or a prompt that answers the call),
 * the call record's disposition is {@link Disposition#BLOCKED}.
 *
 * @param cause which list, for the record's hangup cause: {@code blocklist:global}, {@code blocklist:201} (a user's
 *              own), {@code blocklist:anonymous}
 */
public record CallBlocked(String callId, Instant at, String cause) implements CallEvent {

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
