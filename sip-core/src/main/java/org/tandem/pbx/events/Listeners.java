package org.tandem.pbx.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The listeners of one typed event port, in order: the beans implementing the listener interface, found once when
 * every singleton exists ({@link #resolve()}, called by the port's {@code afterSingletonsInstantiated}) and sorted by
 * the order each states ({@link ListenerOrder}; equal ones in the order the beans were defined). The listener
 * interface says its order itself rather than {@code @Order}, which would also reorder the other lists its beans are
 * in (a bean that hears calls is often an event package or a meter binder too). Raising an event is
 * a loop over a fixed list on the raiser's thread: no per-event type matching, bean look-up or reflection, which
 * Spring's multicast spends on every event (RESULTS.md, "Lean core, first pass").
 *
 * <p>A listener that throws ends the delivery: the listeners after it do not hear that event and the exception goes
 * to the code that raised it, as with Spring's multicaster, which has no error handler here.
 */
public final class Listeners<L> {

    private final Supplier<List<L>> beans;
    private volatile List<L> listeners;

    private Listeners(Supplier<List<L>> beans) {
        this.beans = beans;
    }

    /**
     * The beans of a listener type, found at {@link #resolve()} (not now: a listener may need the port, as the
     * proxy's dialogs both hear and raise call events), sorted by {@code order}.
     */
    public static <L> Listeners<L> of(ObjectProvider<L> beans, ToIntFunction<? super L> order) {
        return new Listeners<>(() -> sorted(beans.stream().toList(), order));
    }

    /** These listeners sorted by {@code order}, equal ones as given (unit tests, ports built without Spring). */
    public static <L> Listeners<L> of(List<L> listeners, ToIntFunction<? super L> order) {
        List<L> fixed = sorted(listeners, order);
        return new Listeners<>(() -> fixed);
    }

    private static <L> List<L> sorted(List<L> listeners, ToIntFunction<? super L> order) {
        List<L> sorted = new ArrayList<>(listeners);
        sorted.sort(Comparator.comparingInt(order)); // stable: equal orders keep their definition order
        return sorted;
    }

    /** Finds the listeners now, once; later calls keep the list found first. */
    public void resolve() {
        if (listeners == null) {
            synchronized (this) {
                if (listeners == null) listeners = List.copyOf(beans.get());
            }
        }
    }

    /** The listeners in the order they hear each event. */
    public List<L> all() {
        List<L> found = listeners;
        if (found != null) return found;
        resolve();
        return listeners;
    }

    /**
     * Adds a listener that is no bean, after the ones found: it hears the events raised from now on. For a test's
     * probe in a running context; features register as beans.
     */
    public synchronized void add(L listener) {
        List<L> more = new ArrayList<>(all());
        more.add(listener);
        listeners = List.copyOf(more);
    }
}
