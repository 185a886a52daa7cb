package org.tandem.pbx.registrar;

import org.tandem.pbx.events.ListenerOrder;

/**
 * Hears {@link Registered}: implement it on a bean and {@link RegistrationEvents} calls it on the REGISTER's
 * stripe, in {@link #order()}. It must not block (docs/architecture.md, "Events").
 */
public interface RegistrationListener {

    void on(Registered e);

    /** When this listener hears an event, against the others ({@link ListenerOrder}). */
    default int order() {
        return ListenerOrder.NOTIFY;
    }
}
