package org.tandem.pbx.call;

/**
 * An event of this package: what happened to a call, raised through {@link CallEvents} on the call's Call-ID stripe.
 * Each event hands itself to the one {@link CallListener} method of its type, so raising one needs no type matching.
 */
public sealed interface CallEvent
        permits CallStarted,
                CallRouted,
                CallTrunkUsed,
                CallAnswered,
                CallEnded,
                CallMedia,
                CallBlocked,
                CallQueued,
                DialogStateChanged {

    String callId();

    /** Calls the listener's method for this event's type. */
    void deliverTo(CallListener listener);
}
