package org.tandem.pbx.presence.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialogs of every watched number right now (extensions, ring groups, park orbits): what a full-state NOTIFY
 * shows (RFC 4235 §4.1). Written from the stripes of many calls at once: each resource's dialogs are an immutable
 * map replaced whole, so a reader on a subscription's stripe sees one consistent state. A terminated dialog is
 * reported once (partial state) and then forgotten.
 */
final class ResourceDialogs {

    /** A resource never shows more dialogs than this (a flood of calls must not grow the NOTIFY without bound). */
    static final int MAX_PER_RESOURCE = 50;

    private final Map<String, Map<String, DialogView>> byResource = new ConcurrentHashMap<>();

    /** Records {@code view} for {@code resource}; false when it is no change (the same state again). */
    boolean apply(String resource, DialogView view) {
        boolean[] changed = {false};
        byResource.compute(resource, (k, old) -> {
            DialogView before = old == null ? null : old.get(view.id());
            if (view.terminated()) {
                if (before == null) return old; // never shown: nothing to end
                changed[0] = true;
                if (old.size() == 1) return null;
                Map<String, DialogView> next = new LinkedHashMap<>(old);
                next.remove(view.id());
                return Map.copyOf(next);
            }
            if (view.equals(before)) return old;
            if (before == null && old != null && old.size() >= MAX_PER_RESOURCE) return old;
            changed[0] = true;
            Map<String, DialogView> next = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
            next.put(view.id(), view);
            return Collections.unmodifiableMap(next);
        });
        return changed[0];
    }

    /** The dialogs of {@code resource} now, in the order they began. */
    Collection<DialogView> current(String resource) {
        Map<String, DialogView> m = byResource.get(resource);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    /** Forgets a resource (its user was deleted). */
    void forget(String resource) {
        byResource.remove(resource);
    }
}
