package org.tandem.pbx.call;

import java.time.Instant;

/**
 * The call attempt was answered (the first 2xx to its INVITE went back to the caller).
 *
 * @param answeredBy the extension, or external number, that answered
 */
public record CallAnswered(String callId, Instant at, String answeredBy) implements CallEvent {

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
