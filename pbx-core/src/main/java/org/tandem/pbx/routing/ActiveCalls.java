package org.tandem.pbx.routing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.events.ListenerOrder;

/**
 * Which extensions are in an answered call right now, from the proxy's dialog events: what "busy
 * when any device is in a call", intercom and paging (a busy member is skipped) need.
 */
public final class ActiveCalls implements BusyLines, CallListener {

    private final Map<String, Set<String>> confirmed = new ConcurrentHashMap<>();

    @Override
    public void on(DialogStateChanged e) {
        if (e.state() == DialogStateChanged.State.CONFIRMED) {
            confirmed
                    .computeIfAbsent(e.extension(), k -> ConcurrentHashMap.newKeySet())
                    .add(e.callId());
        } else if (e.state() == DialogStateChanged.State.TERMINATED) {
            confirmed.computeIfPresent(e.extension(), (k, calls) -> {
                calls.remove(e.callId());
                return calls.isEmpty() ? null : calls;
            });
        }
    }

    /** Busy before a lamp shows it: a phone that its lamp makes call finds the line busy already. */
    @Override
    public int order() {
        return ListenerOrder.STATE;
    }

    @Override
    public boolean inCall(String extension) {
        return confirmed.containsKey(extension);
    }
}
