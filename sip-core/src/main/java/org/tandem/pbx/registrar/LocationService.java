package org.tandem.pbx.registrar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where registered users can be reached. Served from memory (never blocks), written through to the
 * database by the registrar so bindings survive a restart.
 */
public interface LocationService {

    /** Unexpired bindings of an extension, highest q first; empty when not registered. */
    List<Binding> lookup(String extension);

    /**
     * The bindings a request for {@code extension} goes to, highest q first: one per device. Of several flows of one
     * instance (the same {@code +sip.instance}, each with its reg-id) only the most recently registered is a target,
     * the others stand by (RFC 5626 §5.3: never more than one contact of the same AOR and instance-id in the target
     * set), so a phone that keeps two flows is not rung twice. Bindings without a reg-id are targets each.
     */
    default List<Binding> targets(String extension) {
        return targets(extension, b -> true);
    }

    /**
     * {@link #targets(String)} where {@code flowOpen} tells whether a flow's connection still stands: a flow of an
     * instance (reg-id) whose TCP/TLS connection closed is no target — the instance's newest flow still open is
     * (RFC 5626 §5.3: the proxy replaces a failed flow by another of the same instance-id); an instance without an
     * open flow is not reachable, as nobody may open a connection to the port a phone connected from.
     */
    default List<Binding> targets(String extension, Predicate<Binding> flowOpen) {
        List<Binding> bindings = lookup(extension);
        Map<String, Binding> newest = new HashMap<>();
        boolean flows = false;
        for (Binding b : bindings) {
            if (b.instanceId() == null || b.regId() <= 0) continue;
            flows = true;
            if (!flowOpen.test(b)) continue;
            newest.merge(b.instanceId(), b, (x, y) -> y.registeredAt().isAfter(x.registeredAt()) ? y : x);
        }
        if (!flows) return bindings;
        return bindings.stream()
                .filter(b -> b.instanceId() == null || b.regId() <= 0 || newest.get(b.instanceId()) == b)
                .toList();
    }

    /**
     * The unexpired binding whose Contact URI equals {@code contactUri} (RFC 3261 §19.1.4 comparison),
     * used to reach a UA behind NAT by its source address when a request targets its Contact (e.g. an
     * in-dialog BYE whose Request-URI is the remote target).
     */
    Optional<Binding> findByContact(String contactUri);

    /** Every unexpired binding (API and UI listing). */
    List<Binding> all();
}
