package org.tandem.pbx.call;

import java.time.Instant;

/**
 * The router offered the call to a destination (raised once per step: the dialled extension, then
 * maybe its forward, a ring group, voicemail...). The last one before the answer is where it went.
 *
 * @param destination   the destination, in the text form of a routing Destination
 * @param ringGroup     the ring group being rung, else null
 * @param forwardedFrom the extension whose forwarding sent the call here, else null
 */
public record CallRouted(String callId, Instant at, String destination, String ringGroup, String forwardedFrom)
        implements CallEvent {

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
