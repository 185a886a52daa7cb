package org.tandem.pbx.presence.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.presence.ResourceLists;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.RlsService;
import org.tandem.pbx.xcap.XcapDocumentChanged;
import org.tandem.pbx.xcap.XcapDocuments;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the presence server takes from each user's XCAP documents: their presence rules (RFC 5025; applied to their
 * watchers as soon as they are stored, {@link PresencePackage}); their buddy list (RFC 4826 §3) as the resource list
 * {@code sip:<user>-buddies@<domain>}; and the RLS services they define (RFC 4826 §4: {@code <service uri>} with an
 * inline list or a reference into their buddy list, for the packages it names) — each one list subscription (RFC
 * 4662), only for its owner. Only members that are users of this domain are on a list. The services are kept in
 * memory (read at start and on every change of an owner's documents), so a SUBSCRIBE finds them without the database;
 * a change ends the list subscriptions it concerns "deactivated", so that the client subscribes again at once and
 * gets the new list (RFC 6665 §4.2.2).
 */
@Component
class XcapPresence implements PresRulesSource, ResourceLists {

    private static final Pattern BUDDIES = Pattern.compile("(.+)-buddies");

    private final XcapDocuments documents;
    private final SipDomain domain;
    private final Subscriptions subscriptions;
    /** Every user's RLS services by the user part of their URI. */
    private final Map<String, RlsService> services = new ConcurrentHashMap<>();

    private volatile boolean loaded;

    XcapPresence(XcapDocuments documents, SipDomain domain, Subscriptions subscriptions) {
        this.documents = documents;
        this.domain = domain;
        this.subscriptions = subscriptions;
    }

    @Override
    public Optional<String> rulesOf(String user) {
        return documents.find(user, Auid.PRES_RULES).map(d -> d.xml());
    }

    @Override
    public Optional<ResourceList> find(String list, String event) {
        Matcher m = BUDDIES.matcher(list);
        if (m.matches()) {
            if (!PresencePackage.EVENT.equals(event)) return Optional.empty();
            String owner = m.group(1);
            return documents
                    .find(owner, Auid.RESOURCE_LISTS)
                    .map(doc -> new ResourceList(owner, localUsers(entries(doc.xml()))));
        }
        if (!loaded) load();
        RlsService service = services.get(list);
        if (service == null || !service.serves(event)) return Optional.empty();
        return Optional.of(new ResourceList(service.owner(), localUsers(service.members())));
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        synchronized (services) {
            if (loaded) return;
            for (String owner : documents.owners(Auid.RLS_SERVICES)) index(owner);
            loaded = true;
        }
    }

    @EventListener
    void onXcap(XcapDocumentChanged e) {
        boolean lists = Auid.RESOURCE_LISTS.id().equals(e.auid());
        if (!lists && !Auid.RLS_SERVICES.id().equals(e.auid())) return;
        Set<String> changed = new HashSet<>();
        if (lists) changed.add(e.owner() + "-buddies");
        synchronized (services) {
            changed.addAll(index(e.owner()));
        }
        subscriptions.endAll(s -> s.state().members != null && changed.contains(s.resource()), "deactivated");
    }

    /**
     * Indexes {@code owner}'s services anew (replaced in place, so a SUBSCRIBE meanwhile finds the old or the new
     * one); the user parts of the services that are new, gone or not the same.
     */
    private Set<String> index(String owner) {
        Map<String, RlsService> next = new LinkedHashMap<>();
        for (RlsService s : documents.rlsServices(owner)) {
            String user = userPart(s.uri());
            if (user != null) next.put(user, s);
        }
        Set<String> changed = new HashSet<>();
        services.forEach((user, s) -> {
            if (s.owner().equals(owner) && !s.equals(next.get(user))) changed.add(user);
        });
        next.forEach((user, s) -> {
            if (!s.equals(services.put(user, s))) changed.add(user);
        });
        services.entrySet().removeIf(e -> e.getValue().owner().equals(owner) && !next.containsKey(e.getKey()));
        return changed;
    }

    /** RFC 4826 §3.1: every entry of the buddy list document, nested lists included, in document order. */
    private static List<String> entries(String xml) {
        List<String> uris = new ArrayList<>();
        NodeList entries;
        try {
            entries = PresenceXml.parse(xml).getElementsByTagNameNS(Auid.RESOURCE_LISTS.namespace(), "entry");
        } catch (IllegalArgumentException e) {
            return uris;
        }
        for (int i = 0; i < entries.getLength(); i++) uris.add(((Element) entries.item(i)).getAttribute("uri"));
        return uris;
    }

    /** The distinct users of this domain among {@code uris}, in order. */
    private List<String> localUsers(List<String> uris) {
        List<String> members = new ArrayList<>();
        for (String uri : uris) {
            String user = localUser(uri);
            if (user != null && !members.contains(user)) members.add(user);
        }
        return members;
    }

    /** The user part of {@code sip:user@<our domain>}, or null for anyone elsewhere. */
    private String localUser(String uri) {
        String u = uri.startsWith("sip:") ? uri.substring(4) : uri.startsWith("sips:") ? uri.substring(5) : null;
        if (u == null) return null;
        int semi = u.indexOf(';');
        if (semi >= 0) u = u.substring(0, semi);
        int at = u.indexOf('@');
        return at > 0 && domain.is(u.substring(at + 1)) ? u.substring(0, at) : null;
    }

    private String userPart(String uri) {
        return localUser(uri.strip());
    }
}
