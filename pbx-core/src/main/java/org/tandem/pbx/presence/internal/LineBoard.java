package org.tandem.pbx.presence.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.events.ListenerOrder;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.presence.LineStates;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrationListener;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsChanged;
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkChanged;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkRegistrationStatus;
import org.tandem.pbx.trunk.TrunkRegistrations;

/**
 * The operator panel's board ({@link LineStates}): each line's dialogs are the busy lamps' ({@link DialogPackage}),
 * told here on every change together with when each dialog reached its state; registrations and call settings come
 * from their events. Listeners hear the number of the line that changed.
 */
@Component
class LineBoard implements LineStates, CallListener, RegistrationListener {

    private final DialogPackage dialogs;
    private final UserDirectory users;
    private final RoutingDirectory routing;
    private final CallPark park;
    private final LocationService location;
    /** resource|dialog id → when the dialog reached its current state. */
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    private final Map<String, String> stateSeen = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final TrunkLines trunkCalls = new TrunkLines();
    private final TrunkDirectory trunks;
    private final TrunkRegistrations registrations;

    LineBoard(
            DialogPackage dialogs,
            UserDirectory users,
            RoutingDirectory routing,
            CallPark park,
            LocationService location,
            TrunkDirectory trunks,
            TrunkRegistrations registrations) {
        this.trunks = trunks;
        this.registrations = registrations;
        this.dialogs = dialogs;
        this.users = users;
        this.routing = routing;
        this.park = park;
        this.location = location;
        dialogs.observe(this::dialogChanged);
    }

    @Override
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        List<User> all = new ArrayList<>(users.list());
        all.sort(Comparator.comparing(User::extension));
        for (User u : all) {
            boolean dnd =
                    routing.callSettings(u.extension()).map(CallSettings::dnd).orElse(false);
            out.add(new Line(
                    u.extension(),
                    u.displayName(),
                    Kind.EXTENSION,
                    !location.lookup(u.extension()).isEmpty(),
                    dnd,
                    calls(u.extension(), Kind.EXTENSION)));
        }
        for (RingGroup g : routing.ringGroups()) {
            out.add(new Line(g.number(), g.name(), Kind.RING_GROUP, true, false, calls(g.number(), Kind.RING_GROUP)));
        }
        var orbits = park.settings();
        if (orbits.enabled()) {
            for (long n = Long.parseLong(orbits.firstOrbit());
                    n <= Long.parseLong(orbits.lastOrbit()) && out.size() < 1000;
                    n++) {
                String orbit = String.format("%0" + orbits.firstOrbit().length() + "d", n);
                out.add(new Line(orbit, "Park " + orbit, Kind.PARK_ORBIT, true, false, calls(orbit, Kind.PARK_ORBIT)));
            }
        }
        List<Trunk> byName = new ArrayList<>(trunks.list());
        byName.sort(Comparator.comparing(Trunk::id));
        for (Trunk t : byName) {
            out.add(new Line(t.id(), t.host(), Kind.TRUNK, trunkRegistered(t), false, trunkCalls.calls(t.id())));
        }
        return out;
    }

    /** A trunk that registers with its provider (RFC 3261 §10) is on the panel as registered only while it is. */
    private boolean trunkRegistered(Trunk t) {
        if (!t.register()) return true;
        return registrations
                .status(t.id())
                .map(s -> s.state() == TrunkRegistrationStatus.State.REGISTERED)
                .orElse(false);
    }

    @Override
    public AutoCloseable onChange(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private List<LineCall> calls(String resource, Kind kind) {
        List<LineCall> out = new ArrayList<>();
        for (DialogView v : dialogs.current(resource)) {
            // the same answer on every look: a line must not seem to change each time it is read (the panel redraws
            // only on change)
            Instant at = since.get(resource + "|" + v.id());
            out.add(new LineCall(v.callId(), state(v, kind), party(v), at, "recipient".equals(v.direction())));
        }
        return out;
    }

    private static String state(DialogView v, Kind kind) {
        if (kind == Kind.PARK_ORBIT) return "parked";
        if ("confirmed".equals(v.state())) return "talking";
        return "recipient".equals(v.direction()) ? "ringing" : "dialling";
    }

    private static String party(DialogView v) {
        String uri = v.remoteUri() == null ? "" : v.remoteUri();
        String user = uri.replaceFirst("^sips?:", "").replaceFirst("@.*$", "");
        String name = v.remoteDisplay() == null ? "" : v.remoteDisplay().strip();
        if (name.isEmpty()) return user;
        return user.isEmpty() ? name : name + " <" + user + ">";
    }

    /** On the call's stripe, after the lamps took the change. */
    private void dialogChanged(String resource, DialogView view) {
        String key = resource + "|" + view.id();
        if (view.terminated()) {
            since.remove(key);
            stateSeen.remove(key);
        } else if (!view.state().equals(stateSeen.put(key, view.state()))) {
            since.put(key, Instant.now());
        }
        tell(resource);
    }

    @Override
    public void on(CallStarted e) {
        tellTrunk(trunkCalls.started(e));
    }

    @Override
    public void on(CallTrunkUsed e) {
        tellTrunk(trunkCalls.trunkUsed(e));
    }

    @Override
    public void on(CallAnswered e) {
        tellTrunk(trunkCalls.answered(e));
    }

    @Override
    public void on(CallEnded e) {
        tellTrunk(trunkCalls.ended(e));
    }

    /** Calls and registrations alike reach the operator panel after the state and the records they change. */
    @Override
    public int order() {
        return ListenerOrder.NOTIFY;
    }

    @EventListener
    void onTrunk(TrunkChanged e) {
        tell(e.id());
    }

    private void tellTrunk(String trunk) {
        if (trunk != null) tell(trunk);
    }

    @Override
    public void on(Registered e) {
        tell(e.extension());
    }

    @EventListener
    void onCallSettings(CallSettingsChanged e) {
        tell(e.settings().extension());
    }

    @EventListener
    void onUser(UserChanged e) {
        tell(e.extension());
    }

    private void tell(String number) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(number);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(LineBoard.class).warn("An operator panel listener failed", e);
            }
        }
    }
}
