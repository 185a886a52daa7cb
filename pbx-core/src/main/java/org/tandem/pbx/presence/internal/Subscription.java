package org.tandem.pbx.presence.internal;

import java.util.List;
import java.util.Map;

/**
 * One subscription (RFC 6665 §4.2.1) to an event package of ours (dialog, RFC 4235; presence, RFC 3856), the
 * notifier's side. Its mutable state is touched
 * only on the subscription's Call-ID stripe; {@code expiresAtMs} is also read by the expiry sweep, which then hands
 * the work to that stripe.
 *
 * @param event        the package: {@code dialog} or {@code presence}
 * @param resource     the watched number (extension, ring group or park orbit; a user for presence)
 * @param subscriber   the local user who subscribed (digest-authenticated)
 * @param entity       the resource's URI, {@code entity} of every document (RFC 4235 §4.1.1, RFC 3863 §4.1.1)
 * @param remoteTarget the subscriber's Contact: Request-URI of our NOTIFYs (RFC 3261 §12.1.1)
 * @param routeSet     the SUBSCRIBE's Record-Route values in order, usually empty
 */
record Subscription(
        String event,
        String callId,
        String localTag,
        String remoteTag,
        String resource,
        String subscriber,
        String entity,
        String localUri,
        String remoteUri,
        String remoteTarget,
        List<String> routeSet,
        String eventId,
        String sourceAddress,
        int sourcePort,
        String transport,
        State state) {

    /** What this subscription would be if it watched only {@code member}, of the list it watches (RFC 4662 §4.4). */
    Subscription member(String member, String memberEntity) {
        return new Subscription(
                event,
                callId,
                localTag,
                remoteTag,
                member,
                subscriber,
                memberEntity,
                localUri,
                remoteUri,
                remoteTarget,
                routeSet,
                eventId,
                sourceAddress,
                sourcePort,
                transport,
                new State(0, 0));
    }

    /** The parts that change during the subscription. */
    static final class State {
        long localCseq;
        volatile long expiresAtMs;
        long remoteCseq;
        boolean ended;
        /** RFC 4235 §4.1.1: 0 in the first NOTIFY, one more in each following one. */
        long nextVersion;
        /** The subscriber answered a NOTIFY with 2xx: it is known to be watching. */
        volatile boolean confirmed;
        /** Waiting for the resource's owner to authorize it (RFC 6665 §4.1.3 "pending"): NOTIFYs carry no state. */
        volatile boolean pending;
        /**
         * For a subscription to a resource list (RFC 4662): a view per member resource, in list order, each with its
         * own document versions; null for a single resource.
         */
        volatile Map<String, Subscription> members;
        /**
         * For an xcap-diff subscription (RFC 5875): the application usages of the subscriber's documents it watches,
         * each with the entity tag last told (null: none yet, or the document does not exist); null for other packages.
         */
        volatile Map<String, String> documents;

        State(long expiresAtMs, long remoteCseq) {
            this.expiresAtMs = expiresAtMs;
            this.remoteCseq = remoteCseq;
        }
    }
}
