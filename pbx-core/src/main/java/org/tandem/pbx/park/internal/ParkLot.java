package org.tandem.pbx.park.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tandem.pbx.park.OrbitChanged;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.park.ParkedCallView;

/**
 * The orbits and the calls waiting in them. Calls on different Call-ID stripes race for orbits, so an
 * orbit is claimed, taken and released atomically; whoever wins holds it.
 */
@Component
public class ParkLot {

    private final ConcurrentHashMap<String, ParkedCall> orbits = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    public ParkLot(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Claims the first free orbit of {@code settings} for {@code call}; empty when every orbit is in use. */
    Optional<String> claimFree(ParkSettings settings, ParkedCall call) {
        if (!settings.enabled()) return Optional.empty();
        long first = Long.parseLong(settings.firstOrbit());
        long last = Long.parseLong(settings.lastOrbit());
        int width = settings.firstOrbit().length();
        for (long n = first; n <= last; n++) {
            String orbit = String.format("%0" + width + "d", n);
            if (claim(orbit, call)) return Optional.of(orbit);
        }
        return Optional.empty();
    }

    /** Claims {@code orbit} for {@code call} if it is free. */
    boolean claim(String orbit, ParkedCall call) {
        if (orbits.putIfAbsent(orbit, call) != null) return false;
        call.orbit = orbit;
        events.publishEvent(new OrbitChanged(orbit, call.view()));
        return true;
    }

    /** Takes the call out of {@code orbit} (to retrieve it); null when none waits there. */
    ParkedCall take(String orbit) {
        ParkedCall taken = orbits.remove(orbit);
        if (taken != null) events.publishEvent(new OrbitChanged(orbit, null));
        return taken;
    }

    /** Frees {@code call}'s orbit if it still holds it; false when it was taken meanwhile (retrieved). */
    boolean release(ParkedCall call) {
        String orbit = call.orbit;
        if (orbit == null || !orbits.remove(orbit, call)) return false;
        events.publishEvent(new OrbitChanged(orbit, null));
        return true;
    }

    /** The parked call whose leg has this Call-ID (the dialog an attended transfer replaces, RFC 3891). */
    Optional<ParkedCall> byCallId(String callId) {
        return orbits.values().stream()
                .filter(c -> c.call != null && c.call.callId().equals(callId))
                .findFirst();
    }

    /** The calls waiting now, by orbit. */
    public List<ParkedCallView> parked() {
        return orbits.values().stream()
                .map(ParkedCall::view)
                .sorted(Comparator.comparing(ParkedCallView::orbit))
                .toList();
    }
}
