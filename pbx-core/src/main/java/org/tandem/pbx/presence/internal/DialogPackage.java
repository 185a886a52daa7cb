package org.tandem.pbx.presence.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.routing.RoutingDirectory;

/**
 * The dialog event package (RFC 4235), what busy lamp fields watch: any extension, ring group or park orbit; a
 * full-state document when a subscription starts or is refreshed, a partial one with just the changed dialog on every
 * change, each with the next version (§4.1).
 */
@Component
public class DialogPackage implements EventPackage {

    static final String EVENT = "dialog";

    private final ResourceDialogs dialogs = new ResourceDialogs();
    private final List<BiConsumer<String, DialogView>> observers = new CopyOnWriteArrayList<>();
    private final Subscriptions subscriptions;
    private final UserDirectory users;
    private final RoutingDirectory routing;
    private final CallPark park;

    public DialogPackage(Subscriptions subscriptions, UserDirectory users, RoutingDirectory routing, CallPark park) {
        this.subscriptions = subscriptions;
        this.users = users;
        this.routing = routing;
        this.park = park;
        subscriptions.register(this);
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return DialogInfoDocument.CONTENT_TYPE + "/" + DialogInfoDocument.CONTENT_SUBTYPE;
    }

    @Override
    public boolean watchable(String resource) {
        return users.exists(resource)
                || routing.ringGroup(resource).isPresent()
                || park.settings().isOrbit(resource);
    }

    @Override
    public String fullState(Subscription s) {
        return DialogInfoDocument.write(s.entity(), s.state().nextVersion++, true, dialogs.current(s.resource()));
    }

    /** A dialog of {@code resource} changed (any thread): every watcher gets a partial NOTIFY; false when no change. */
    boolean changed(String resource, DialogView view) {
        if (!dialogs.apply(resource, view)) return false;
        subscriptions.changed(
                EVENT,
                resource,
                s -> DialogInfoDocument.write(s.entity(), s.state().nextVersion++, false, List.of(view)));
        for (var o : observers) o.accept(resource, view);
        return true;
    }

    /** {@code observer} is told of every dialog change of any resource, after the lamps took it (the operator panel). */
    void observe(BiConsumer<String, DialogView> observer) {
        observers.add(observer);
    }

    /** The dialogs {@code resource} has now (the presence package reads an extension's to say "on the phone"). */
    Collection<DialogView> current(String resource) {
        return dialogs.current(resource);
    }

    void forget(String resource) {
        dialogs.forget(resource);
    }
}
