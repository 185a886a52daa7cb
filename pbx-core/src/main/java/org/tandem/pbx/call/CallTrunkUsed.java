package org.tandem.pbx.call;

import java.time.Instant;

/**
 * An outbound leg was offered to a trunk (raised by the trunk gateway, once per trunk tried, under
 * the Call-ID of the call attempt the proxy reported).
 *
 * @param externalNumber the number as sent to the provider (after strip/prepend)
 * @param status         the provider's final answer, or 0 while it is still pending
 */
public record CallTrunkUsed(String callId, Instant at, String trunk, String externalNumber, int status)
        implements CallEvent {

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
