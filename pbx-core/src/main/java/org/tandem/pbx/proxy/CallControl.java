package org.tandem.pbx.proxy;

import java.util.concurrent.CompletableFuture;

/** What an operator (the operator panel, the API) may do to a call the proxy carries. */
public interface CallControl {

    /**
     * Ends an answered call: each end gets a BYE with an RFC 3326 Reason saying the operator hung up, and the call
     * record ends with side SYSTEM and cause {@code operator}. Completes with false when no answered call of Tandem's
     * (media anchored) has this Call-ID.
     */
    CompletableFuture<Boolean> hangUp(String callId);
}
