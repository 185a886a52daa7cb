package org.tandem.pbx.proxy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.tandem.pbx.proxy.DialogStateChanged;
import org.tandem.pbx.proxy.DialogStateChanged.Direction;
import org.tandem.pbx.proxy.DialogStateChanged.State;

/**
 * Raises {@link DialogStateChanged} for the local extensions on each end of a proxied INVITE, and
 * remembers confirmed dialogs by Call-ID until their BYE so that it can report them terminated.
 */
public final class DialogEvents {

    /** A dialog whose BYE never passes through us is forgotten after this long. */
    private static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int PRUNE_ABOVE = 10_000;

    private record Parties(String caller, String callee, Instant since) {
    }

    private final ApplicationEventPublisher publisher;
    private final Map<String, Parties> confirmed = new ConcurrentHashMap<>();

    public DialogEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void early(String callId, String caller, String callee) {
        publish(callId, caller, callee, State.EARLY);
    }

    void confirmed(String callId, String caller, String callee) {
        if (caller == null && callee == null) return;
        if (confirmed.size() > PRUNE_ABOVE) {
            Instant cutoff = Instant.now().minus(FORGET_AFTER);
            confirmed.values().removeIf(p -> p.since().isBefore(cutoff));
        }
        confirmed.put(callId, new Parties(caller, callee, Instant.now()));
        publish(callId, caller, callee, State.CONFIRMED);
    }

    /**
     * The local extension on one side of a confirmed dialog: its caller (the INVITE's sender) or its callee;
     * null when that side is no local user or the dialog is not known (over, or never through this proxy).
     */
    String party(String callId, boolean caller) {
        Parties p = confirmed.get(callId);
        return p == null ? null : caller ? p.caller() : p.callee();
    }

    /** An INVITE that did not establish a dialog (rejected, cancelled, unanswered). */
    void failed(String callId, String caller, String callee) {
        if (!confirmed.containsKey(callId)) publish(callId, caller, callee, State.TERMINATED);
    }

    /** A BYE for the dialog passed through us. */
    void ended(String callId) {
        Parties p = confirmed.remove(callId);
        if (p != null) publish(callId, p.caller(), p.callee(), State.TERMINATED);
    }

    private void publish(String callId, String caller, String callee, State state) {
        if (caller != null) publisher.publishEvent(new DialogStateChanged(callId, caller, state, Direction.INITIATOR));
        if (callee != null) publisher.publishEvent(new DialogStateChanged(callId, callee, state, Direction.RECIPIENT));
    }
}
