package org.tandem.pbx.call;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.tandem.pbx.events.Listeners;

/**
 * Raises the call events ({@link CallEvent}) to every {@link CallListener} bean, in their order, on the caller's
 * thread: the call's Call-ID stripe. The typed port of the call path (docs/architecture.md, "Events"); a call raises
 * a dozen of these, which Spring's multicast made cost a tenth of the stripe's time per call.
 */
public final class CallEvents implements SmartInitializingSingleton {

    private final Listeners<CallListener> listeners;

    public CallEvents(Listeners<CallListener> listeners) {
        this.listeners = listeners;
    }

    public void publish(CallEvent e) {
        for (CallListener l : listeners.all()) e.deliverTo(l);
    }

    /** A probe that is no bean (a test's): hears the events raised from now on, after the beans. */
    public void listen(CallListener listener) {
        listeners.add(listener);
    }

    @Override
    public void afterSingletonsInstantiated() {
        listeners.resolve();
    }
}
