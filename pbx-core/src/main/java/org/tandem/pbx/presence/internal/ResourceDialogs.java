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
 * map per change of a resource that shows a few dozen dialogs was 4 % of the Call-ID stripes' time per call). Beside
 * it the ids' hashes, so a search compares ints and only a matching hash's id as a String (issue 23: comparing every
 * id was 1 % of the stripes per call on a callee that shows its limit).
 */
final class ResourceDialogs {

    /** A resource never shows more dialogs than this (a flood of calls must not grow the NOTIFY without bound). */
    static final int MAX_PER_RESOURCE = 50;

    /** One resource's dialogs in the order they began, and {@code hashes[i]} the hash of {@code views[i].id()}. */
    private record Shown(DialogView[] views, int[] hashes) {}

    private static final Shown NONE = new Shown(new DialogView[0], new int[0]);

    private final Map<String, Shown> byResource = new ConcurrentHashMap<>();

    /** Records {@code view} for {@code resource}; false when it is no change (the same state again). */
    boolean apply(String resource, DialogView view) {
        boolean[] changed = {false};
        String id = view.id();
        int hash = id.hashCode();
        byResource.compute(resource, (k, old) -> {
            Shown shown = old == null ? NONE : old;
            DialogView[] views = shown.views;
            int at = indexOf(shown, id, hash);
            if (view.terminated()) {
                if (at < 0) return old; // never shown: nothing to end
                changed[0] = true;
                if (views.length == 1) return null;
                return new Shown(without(views, at, new DialogView[views.length - 1]), without(shown.hashes, at));
            }
            if (at >= 0 && view.equals(views[at])) return old;
            if (at < 0 && views.length >= MAX_PER_RESOURCE) return old;
            changed[0] = true;
            if (at >= 0) {
                DialogView[] next = views.clone();
                next[at] = view;
                return new Shown(next, shown.hashes); // the same id: the same hash
            }
            DialogView[] next = Arrays.copyOf(views, views.length + 1);
            next[views.length] = view;
            int[] hashes = Arrays.copyOf(shown.hashes, views.length + 1);
            hashes[views.length] = hash;
            return new Shown(next, hashes);
        });
        return changed[0];
    }

    /** The dialogs of {@code resource} now, in the order they began. */
    Collection<DialogView> current(String resource) {
        Shown shown = byResource.get(resource);
        return shown == null ? List.of() : List.of(shown.views);
    }

    /** Forgets a resource (its user was deleted). */
    void forget(String resource) {
        byResource.remove(resource);
    }

    private static int indexOf(Shown shown, String id, int hash) {
        int[] hashes = shown.hashes;
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == hash && shown.views[i].id().equals(id)) return i;
        }
        return -1;
    }

    private static <T> T[] without(T[] from, int at, T[] to) {
        System.arraycopy(from, 0, to, 0, at);
        System.arraycopy(from, at + 1, to, at, from.length - at - 1);
        return to;
    }

    private static int[] without(int[] from, int at) {
        int[] to = new int[from.length - 1];
        System.arraycopy(from, 0, to, 0, at);
        System.arraycopy(from, at + 1, to, at, from.length - at - 1);
        return to;
    }
}
