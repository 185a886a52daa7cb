package org.tandem.pbx.presence.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.call.DialogStateChanged.State;

/**
 * A ring group's lamp: one dialog per call that reached the group, early while any member rings, confirmed once a
 * member answered, terminated when no member is left in it. Each call's members are touched only on that call's
 * stripe; the map of calls is shared.
 */
final class RingGroupLamps {

    private final Map<String, Map<String, State>> membersByCall = new ConcurrentHashMap<>();

    /**
     * Folds a member's dialog change into its group's call; returns the group call's new state, or null when the
     * group's view of the call did not change.
     */
    State apply(DialogStateChanged e) {
        String group = e.details().ringGroup();
        String key = group + "|" + e.callId();
        Map<String, State> members = membersByCall.computeIfAbsent(key, k -> new LinkedHashMap<>());
        State before = aggregate(members);
        if (e.state() == State.TERMINATED) members.remove(e.extension());
        else members.put(e.extension(), e.state());
        State after = aggregate(members);
        if (members.isEmpty()) membersByCall.remove(key);
        return after == before ? null : after;
    }

    private static State aggregate(Map<String, State> members) {
        if (members.isEmpty()) return State.TERMINATED;
        if (members.containsValue(State.CONFIRMED)) return State.CONFIRMED;
        return State.EARLY;
    }
}
