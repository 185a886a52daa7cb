package org.tandem.pbx.registrar;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.tandem.pbx.events.Listeners;

/**
 * Raises {@link Registered} to every {@link RegistrationListener} bean, in order, on the caller's thread (the
 * REGISTER's stripe): the typed port of the REGISTER path (docs/architecture.md, "Events").
 */
public final class RegistrationEvents implements SmartInitializingSingleton {

    private final Listeners<RegistrationListener> listeners;

    public RegistrationEvents(Listeners<RegistrationListener> listeners) {
        this.listeners = listeners;
    }

    public void publish(Registered e) {
        for (RegistrationListener l : listeners.all()) l.on(e);
    }

    /** A probe that is no bean (a test's): hears the registrations from now on. */
    public void listen(RegistrationListener listener) {
        listeners.add(listener);
    }

    @Override
    public void afterSingletonsInstantiated() {
        listeners.resolve();
    }
}
