package org.tandem.pbx.presence.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrationListener;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsChanged;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapDocumentChanged;

/**
 * The presence event package (RFC 3856) of every user: what the user's devices PUBLISHed (RFC 3903, {@link
 * PresencePublish}) composed into one PIDF document together with what Tandem knows itself — a device registered,
 * a call up ("on-the-phone"), do-not-disturb ("busy", RFC 4480 §3.2) — sent to every watcher whenever any of it
 * changes. Watchers are the domain's users (the SUBSCRIBE is digest-authenticated); outsiders see nothing.
 */
@Component
public class PresencePackage implements EventPackage, RegistrationListener {

    static final String EVENT = "presence";

    private final Publications publications = new Publications();
    /** What each watched user's telephony state was when last told, so that a ringing phone sends no NOTIFY. */
    private final Map<String, PidfDocument.Telephony> told = new ConcurrentHashMap<>();
    /** The spheres each user was last in (RFC 4480 §3.11), for those who published one. */
    private final Map<String, Set<String>> inSphere = new ConcurrentHashMap<>();

    private final Subscriptions subscriptions;
    private final DialogPackage dialogs;
    private final UserDirectory users;
    private final LocationService location;
    private final RoutingDirectory routing;
    private final SipDomain domain;
    private final PresRulesSource rules;

    public PresencePackage(
            Subscriptions subscriptions,
            DialogPackage dialogs,
            UserDirectory users,
            LocationService location,
            RoutingDirectory routing,
            SipDomain domain,
            PresRulesSource rules,
            @Qualifier("presenceTimer") ScheduledExecutorService timer) {
        this.subscriptions = subscriptions;
        this.domain = domain;
        this.rules = rules;
        this.dialogs = dialogs;
        this.users = users;
        this.location = location;
        this.routing = routing;
        subscriptions.register(this);
        // expired publications and registrations that lapsed without a REGISTER (no event tells of those)
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return PidfDocument.CONTENT_TYPE;
    }

    @Override
    public boolean watchable(String resource) {
        return users.exists(resource);
    }

    /** RFC 5025 §3.2.1: the presentity's rules decide; block rejects, confirm leaves the watcher pending. */
    @Override
    public Admission admit(String subscriber, String resource) {
        return switch (permissions(subscriber, resource).subHandling()) {
            case BLOCK -> Admission.REJECTED;
            case CONFIRM -> Admission.PENDING;
            case POLITE_BLOCK, ALLOW -> Admission.ACTIVE;
        };
    }

    @Override
    public String fullState(Subscription s) {
        PidfDocument.Telephony now = telephony(s.resource());
        told.put(s.resource(), now);
        PresenceRules.Permissions p = permissions(s.subscriber(), s.resource());
        if (p.subHandling() == PresenceRules.SubHandling.POLITE_BLOCK) {
            // RFC 5025 §3.2.1: the watcher cannot tell it is blocked: it sees the presentity offline, and nothing else
            return PidfDocument.compose(s.entity(), List.of(), new PidfDocument.Telephony(false, false, false));
        }
        return PidfDocument.restrict(PidfDocument.compose(s.entity(), publications.documents(s.resource()), now), p);
    }

    /**
     * What {@code watcher} may see of {@code user}: everything when the user stored no rules (every local user sees
     * every other, the domain's default) or watches itself; else what the user's pres-rules grant it (RFC 5025).
     */
    PresenceRules.Permissions permissions(String watcher, String user) {
        if (watcher.equals(user)) return PresenceRules.Permissions.EVERYTHING;
        return rules.rulesOf(user)
                .map(doc -> PresenceRules.evaluate(
                        doc, "sip:" + watcher + "@" + domain.current(), Instant.now(), spheres(user)))
                .orElse(PresenceRules.Permissions.EVERYTHING);
    }

    /** RFC 4745 §7.2: the spheres the user is in now, as its devices published them (RFC 4480 §3.11). */
    private Set<String> spheres(String user) {
        List<String> published = publications.documents(user);
        if (published.isEmpty()) return Set.of();
        return PidfDocument.spheres(PidfDocument.compose(
                "sip:" + user + "@" + domain.current(), published, new PidfDocument.Telephony(false, false, false)));
    }

    /** The user stored new presence rules: every watcher of the user is authorized again. */
    void rulesChanged(String user) {
        subscriptions.reauthorize(EVENT, user);
    }

    @EventListener
    void onXcap(XcapDocumentChanged e) {
        if (Auid.PRES_RULES.id().equals(e.auid())) rulesChanged(e.owner());
        // changed buddy lists and RLS services: XcapPresence ends their list subscriptions
    }

    Publications publications() {
        return publications;
    }

    /**
     * The user's published state changed (a PUBLISH, on its stripe): every watcher is told; when the user entered
     * another sphere, every watcher is authorized again first (RFC 4745 §7.2: rules with a sphere condition now apply
     * or no longer do).
     */
    void published(String user) {
        Set<String> now = spheres(user);
        Set<String> before = now.isEmpty() ? inSphere.remove(user) : inSphere.put(user, now);
        if (!Objects.equals(before == null ? Set.of() : before, now)) {
            rulesChanged(user);
            return;
        }
        subscriptions.changed(EVENT, user, this::fullState);
    }

    /** The user's calls changed (from the dialog events): watchers are told when that changes what they see. */
    void telephonyChanged(String user) {
        PidfDocument.Telephony before = told.get(user);
        if (before == null) return; // nobody watches: nothing to compare with
        PidfDocument.Telephony now = telephony(user);
        // compare-and-set: of two threads that see the same change (the sweep, an event), one tells the watchers
        if (!before.equals(now) && told.replace(user, before, now)) subscriptions.changed(EVENT, user, this::fullState);
    }

    @Override
    public void on(Registered e) {
        telephonyChanged(e.extension());
    }

    @EventListener
    void onCallSettings(CallSettingsChanged e) {
        telephonyChanged(e.settings().extension());
    }

    @EventListener
    void onUser(UserChanged e) {
        if (!e.deleted()) return;
        publications.forget(e.extension());
        told.remove(e.extension());
        inSphere.remove(e.extension());
    }

    private PidfDocument.Telephony telephony(String user) {
        boolean onThePhone = dialogs.current(user).stream().anyMatch(v -> "confirmed".equals(v.state()));
        boolean dnd = routing.callSettings(user).map(CallSettings::dnd).orElse(false);
        return new PidfDocument.Telephony(!location.lookup(user).isEmpty(), onThePhone, dnd);
    }

    private void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(PresencePackage.class).warn("Presence sweep failed", e); // and runs again
        }
    }

    private void sweepOnce() {
        for (String user : publications.expire(System.currentTimeMillis())) published(user);
        told.keySet().removeIf(user -> subscriptions.of(EVENT, user).isEmpty());
        for (String user : told.keySet()) telephonyChanged(user);
    }
}
