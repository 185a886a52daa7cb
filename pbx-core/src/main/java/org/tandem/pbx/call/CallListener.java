package org.tandem.pbx.call;

import org.tandem.pbx.events.ListenerOrder;

/**
 * Hears the events of this package: implement it on a bean, override the methods of the events it needs, and
 * {@link CallEvents} calls them on the call's Call-ID stripe, in {@link #order()} (docs/architecture.md, "Events").
 * A listener must not block: it updates memory or hands work to its feature's executor.
 */
public interface CallListener {

    default void on(CallStarted e) {}

    default void on(CallRouted e) {}

    default void on(CallTrunkUsed e) {}

    default void on(CallAnswered e) {}

    default void on(CallEnded e) {}

    default void on(CallMedia e) {}

    default void on(CallBlocked e) {}

    default void on(CallQueued e) {}

    default void on(DialogStateChanged e) {}

    /** When this listener hears an event, against the others ({@link ListenerOrder}). */
    default int order() {
        return ListenerOrder.NOTIFY;
    }
}
