package org.tandem.pbx.presence.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.call.DialogStateChanged.Details;
import org.tandem.pbx.call.DialogStateChanged.Direction;
import org.tandem.pbx.call.DialogStateChanged.State;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.events.ListenerOrder;
import org.tandem.pbx.park.OrbitChanged;

/**
 * Turns what the proxy and the park report into the dialogs each lamp shows: an extension's own dialogs (from
 * {@link DialogStateChanged}), a ring group's calls ({@link RingGroupLamps}), a park orbit confirmed while a call
 * waits in it ({@link OrbitChanged}). Listeners run on the stripe of the call that changed and only hand work on.
 */
@Component
public class LampFeed implements CallListener {

    private final Subscriptions subscriptions;
    private final DialogPackage dialogs;
    private final PresencePackage presence;
    private final SipDomain domain;
    private final RingGroupLamps groups = new RingGroupLamps();
    private final DialogIds ids = new DialogIds();

    public LampFeed(Subscriptions subscriptions, DialogPackage dialogs, PresencePackage presence, SipDomain domain) {
        this.subscriptions = subscriptions;
        this.dialogs = dialogs;
        this.presence = presence;
        this.domain = domain;
    }

    @Override
    public void on(DialogStateChanged e) {
        DialogView view = view(e);
        // a change of the user's own dialogs may change their presence too ("on the phone", RFC 4480 §3.2)
        if (dialogs.changed(e.extension(), view)) presence.telephonyChanged(e.extension());
        String group = e.details().ringGroup();
        if (group != null && e.direction() == Direction.RECIPIENT) {
            State groupState = groups.apply(e);
            if (groupState != null) {
                // one dialog per call for the group, whichever member's tags it shows
                DialogView g = view.as(id(e.callId(), "group"), uri(group))
                        .withState(groupState.rfc4235(), groupState == State.TERMINATED ? view.event() : null);
                dialogs.changed(group, g);
            }
        }
    }

    @Override
    public int order() {
        return ListenerOrder.NOTIFY;
    }

    @EventListener
    void onOrbit(OrbitChanged e) {
        String id = "park-" + e.orbit();
        if (e.parked() == null) {
            dialogs.changed(
                    e.orbit(),
                    new DialogView(id, null, null, null, "recipient", "terminated", null, uri(e.orbit()), null, null));
            return;
        }
        String caller = e.parked().caller();
        String remote = caller == null ? null : caller.contains("@") || caller.contains(":") ? caller : uri(caller);
        dialogs.changed(
                e.orbit(),
                new DialogView(
                        id,
                        null,
                        null,
                        null,
                        "recipient",
                        "confirmed",
                        null,
                        uri(e.orbit()),
                        remote,
                        e.parked().callerName()));
    }

    /** A deleted user: its lamp and presence have no resource any more, and it may watch nothing (RFC 6665 §4.1.3). */
    @EventListener
    void onUser(UserChanged e) {
        if (!e.deleted()) return;
        subscriptions.endAll(s -> s.resource().equals(e.extension()), "noresource");
        subscriptions.endAll(s -> s.subscriber().equals(e.extension()), "rejected");
        dialogs.forget(e.extension());
    }

    private DialogView view(DialogStateChanged e) {
        Details d = e.details();
        return new DialogView(
                id(e.callId(), e.direction().name()),
                e.callId(),
                d.localTag(),
                d.remoteTag(),
                e.direction().rfc4235(),
                e.state().rfc4235(),
                e.state() == State.TERMINATED ? d.reason() : null,
                uri(e.extension()),
                d.remoteUri(),
                d.remoteDisplay());
    }

    private String uri(String number) {
        return "sip:" + number + "@" + domain.current();
    }

    /** RFC 4235 §4.1.2: stable over the dialog's life, unique within the resource. */
    private String id(String callId, String side) {
        return ids.of(callId, side);
    }
}
