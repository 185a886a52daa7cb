package org.tandem.pbx.presence.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialogs of every watched number right now (extensions, ring groups, park orbits): what a full-state NOTIFY
 * shows (RFC 4235 §4.1). Written from the stripes of many calls at once: each resource's dialogs are an immutable
 * array replaced whole, so a reader on a subscription's stripe sees one consistent state. A terminated dialog is
 * reported once (partial state) and then forgotten. An array in the order the dialogs began, not a map: at most
 * {@link #MAX_PER_RESOURCE} short ids are searched, and a change copies references only (issue 23: copying a linked
 * map per change of a resource that shows a few dozen dialogs was 4 % of the Call-ID stripes' time per call).
 */
final class ResourceDialogs {

    /** A resource never shows more dialogs than this (a flood of calls must not grow the NOTIFY without bound). */
    static final int MAX_PER_RESOURCE = 50;

    private static final DialogView[] NONE = new DialogView[0];

    private final Map<String, DialogView[]> byResource = new ConcurrentHashMap<>();

    /** Records {@code view} for {@code resource}; false when it is no change (the same state again). */
    boolean apply(String resource, DialogView view) {
        boolean[] changed = {false};
        byResource.compute(resource, (k, old) -> {
            DialogView[] shown = old == null ? NONE : old;
            int at = indexOf(shown, view.id());
            if (view.terminated()) {
                if (at < 0) return old; // never shown: nothing to end
                changed[0] = true;
                if (shown.length == 1) return null;
                DialogView[] next = new DialogView[shown.length - 1];
                System.arraycopy(shown, 0, next, 0, at);
                System.arraycopy(shown, at + 1, next, at, shown.length - at - 1);
                return next;
            }
            if (at >= 0 && view.equals(shown[at])) return old;
            if (at < 0 && shown.length >= MAX_PER_RESOURCE) return old;
            changed[0] = true;
            DialogView[] next = Arrays.copyOf(shown, at < 0 ? shown.length + 1 : shown.length);
            next[at < 0 ? shown.length : at] = view;
            return next;
        });
        return changed[0];
    }

    /** The dialogs of {@code resource} now, in the order they began. */
    Collection<DialogView> current(String resource) {
        DialogView[] shown = byResource.get(resource);
        return shown == null ? List.of() : List.of(shown);
    }

    /** Forgets a resource (its user was deleted). */
    void forget(String resource) {
        byResource.remove(resource);
    }

    private static int indexOf(DialogView[] shown, String id) {
        for (int i = 0; i < shown.length; i++) {
            if (shown[i].id().equals(id)) return i;
        }
        return -1;
    }
}
