package org.tandem.pbx.voicemail.internal;

import java.util.List;

/**
 * One message-summary subscription dialog (RFC 6665 §4.2.1), the notifier's side. Its mutable state is
 * touched only on the subscription's Call-ID stripe; {@code expiresAtMs} is also read by the expiry
 * sweep, which then hands the work to that stripe.
 *
 * @param remoteTarget the subscriber's Contact: Request-URI of our NOTIFYs (RFC 3261 §12.1.1)
 * @param routeSet     the SUBSCRIBE's Record-Route values in order (RFC 3261 §12.1.1), usually empty
 */
record MwiSubscription(
        String callId,
        String localTag,
        String remoteTag,
        String box,
        String localUri,
        String remoteUri,
        String remoteTarget,
        List<String> routeSet,
        String eventId,
        String sourceAddress,
        int sourcePort,
        String transport,
        State state) {

    /** The parts that change during the subscription. */
    static final class State {
        long localCseq;
        volatile long expiresAtMs;
        long remoteCseq;
        boolean ended;
        /** The subscriber answered a NOTIFY with 2xx: it is known to be watching. */
        volatile boolean confirmed;

        State(long expiresAtMs, long remoteCseq) {
            this.expiresAtMs = expiresAtMs;
            this.remoteCseq = remoteCseq;
        }
    }
}
