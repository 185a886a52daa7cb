package org.tandem.pbx.presence.internal;

import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.Digests;

/**
 * The watcher information template package for presence (RFC 3857, {@code Event: presence.winfo}): a user's client
 * subscribes to its own AOR and learns who watches its presence, and which watchers wait for its decision
 * (pending, RFC 5025 sub-handling "confirm") — so that it can allow or block them in its presence rules. Only the
 * user may watch its own watchers (RFC 3857 §5.2); anyone else gets 403.
 */
@Component
class WatcherInfoPackage implements EventPackage {

    static final String EVENT = "presence.winfo";

    private final Subscriptions subscriptions;
    private final UserDirectory users;
    private final SipDomain domain;

    WatcherInfoPackage(Subscriptions subscriptions, UserDirectory users, SipDomain domain) {
        this.subscriptions = subscriptions;
        this.users = users;
        this.domain = domain;
        subscriptions.register(this);
        subscriptions.observe(this::watchersChanged);
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return WatcherInfoDocument.CONTENT_TYPE;
    }

    @Override
    public boolean watchable(String resource) {
        return users.exists(resource);
    }

    @Override
    public Admission admit(String subscriber, String resource) {
        return subscriber.equals(resource) ? Admission.ACTIVE : Admission.REJECTED;
    }

    @Override
    public String fullState(Subscription s) {
        var watchers = subscriptions.of(PresencePackage.EVENT, s.resource()).stream()
                .filter(w -> !w.state().ended)
                .map(w -> new WatcherInfoDocument.Watcher(
                        id(w),
                        "sip:" + w.subscriber() + "@" + domain.current(),
                        w.state().pending ? "pending" : "active",
                        "subscribe"))
                .toList();
        return WatcherInfoDocument.full(s.state().nextVersion++, s.entity(), PresencePackage.EVENT, watchers);
    }

    /** A presence subscription started, ended or was decided: the watched user's watcher-info subscribers are told. */
    private void watchersChanged(Subscription s) {
        if (PresencePackage.EVENT.equals(s.event())) subscriptions.changed(EVENT, s.resource(), this::fullState);
    }

    /** RFC 3858 §4.4: an id unique to the watcher's subscription, the same in every document. */
    private static String id(Subscription s) {
        return Digests.nameUuid((s.callId() + ";" + s.remoteTag()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
