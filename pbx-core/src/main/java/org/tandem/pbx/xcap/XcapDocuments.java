package org.tandem.pbx.xcap;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.xcap.internal.NodeEdits;
import org.tandem.pbx.xcap.internal.RlsServiceRules;
import org.tandem.pbx.xcap.internal.XcapRepository;

/**
 * Each user's XCAP documents (RFC 4825): whole documents and the elements and attributes a node selector picks
 * (§6.3), with entity tags and their preconditions (§7.11: If-Match / If-None-Match, 412). Every write is checked
 * (§8.2.5: well-formed UTF-8, the usage's structure and uniqueness constraints; 409 with the XCAP error element) and
 * stored with a new entity tag only if the version it was made from is still the stored one; then
 * {@link XcapDocumentChanged} is raised. Callers authenticate the user first: this service trusts {@code owner}.
 */
@Service
public class XcapDocuments {

    /** The entity tag of what was written, and whether the document (or node) is new (201) or replaced (200). */
    public record Written(String etag, boolean created) {}

    /**
     * What a GET of a node selects: an element's XML, an attribute's value or an element's namespace bindings, its MIME
     * type (RFC 4825 §15: xcap-el, xcap-att, xcap-ns), and the document's entity tag.
     */
    public record Selected(String content, String mimeType, String etag) {}

    /** RFC 7232 §3.1/3.2 as RFC 4825 §7.11 uses them: each null when the request had none. */
    public record Preconditions(String ifMatch, String ifNoneMatch) {

        public static final Preconditions NONE = new Preconditions(null, null);

        /** Before a write (PUT, DELETE): a failed If-Match and a matching If-None-Match are both 412 (§3.1, §3.2). */
        void check(String currentEtag) {
            checkIfMatch(currentEtag);
            if (ifNoneMatch != null && currentEtag != null && matches(ifNoneMatch, currentEtag, true)) {
                throw new XcapException(412, null, "If-None-Match: the document exists in that version");
            }
        }

        /**
         * Before a read (GET) of the document whose entity tag is {@code currentEtag}: a failed If-Match is 412
         * (RFC 7232 §3.1, evaluated first, §6); true when If-None-Match names the current version, so the answer is
         * 304 Not Modified and the client keeps its copy (§3.2, §4.1).
         */
        public boolean notModified(String currentEtag) {
            checkIfMatch(currentEtag);
            return ifNoneMatch != null && matches(ifNoneMatch, currentEtag, true);
        }

        private void checkIfMatch(String currentEtag) {
            if (ifMatch != null && (currentEtag == null || !matches(ifMatch, currentEtag, false))) {
                throw new XcapException(412, null, "The document is not the version If-Match names");
            }
        }

        /** RFC 7232 §2.3.2: If-Match compares strongly (a weak tag never matches), If-None-Match weakly. */
        private static boolean matches(String header, String etag, boolean weak) {
            for (String tag : header.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals("\"" + etag + "\"") || weak && t.equals("W/\"" + etag + "\""))
                    return true;
            }
            return false;
        }
    }

    private final XcapRepository repository;
    private final ApplicationEventPublisher events;
    private final int maxBytes;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** RLS service URIs are unique among all users (RFC 4826 §4.4.8): their writes take turns. */
    private final Object rlsLock = new Object();

    private final SipDomain domain;
    private final UserDirectory users;

    public XcapDocuments(
            XcapRepository repository,
            ApplicationEventPublisher events,
            XcapProperties properties,
            SipDomain domain,
            UserDirectory users) {
        this.repository = repository;
        this.events = events;
        this.domain = domain;
        this.users = users;
        this.maxBytes =
                (int) Math.min(Integer.MAX_VALUE, properties.maxDocumentBytes().toBytes());
    }

    /** The largest document (and request body) accepted; larger ones are 413 (RFC 4825 §15.2 resource limits). */
    public int maxBytes() {
        return maxBytes;
    }

    public Optional<XcapDocument> find(String owner, Auid auid) {
        return repository.find(owner, auid.id());
    }

    public Written putDocument(String owner, Auid auid, byte[] body, Preconditions conditions) {
        tooLarge(body);
        String xml = NodeEdits.checkedDocument(auid, body);
        synchronized (lock(owner, auid)) {
            acrossUsers(owner, auid, xml);
            Optional<XcapDocument> current = find(owner, auid);
            conditions.check(current.map(XcapDocument::etag).orElse(null));
            XcapDocument next = new XcapDocument(owner, auid.id(), xml, newEtag());
            boolean stored = current.isEmpty()
                    ? repository.insert(next)
                    : repository.replace(next, current.get().etag());
            if (!stored) throw new XcapException(412, null, "The document changed meanwhile");
            events.publishEvent(new XcapDocumentChanged(owner, auid.id()));
            return new Written(next.etag(), current.isEmpty());
        }
    }

    public void deleteDocument(String owner, Auid auid, Preconditions conditions) {
        synchronized (lock(owner, auid)) {
            XcapDocument current = find(owner, auid).orElseThrow(() -> notFound("No such document"));
            conditions.check(current.etag());
            if (!repository.delete(owner, auid.id(), current.etag())) {
                throw new XcapException(412, null, "The document changed meanwhile");
            }
            events.publishEvent(new XcapDocumentChanged(owner, auid.id()));
        }
    }

    public Selected get(String owner, Auid auid, String selector, Map<String, String> prefixes) {
        XcapDocument current = find(owner, auid).orElseThrow(() -> notFound("No such document"));
        NodeEdits.Node node = NodeEdits.select(auid, current.xml(), selector, prefixes);
        if (node == null) throw notFound("No such node");
        String type = node.namespaces()
                ? "application/xcap-ns+xml"
                : node.attribute() ? "application/xcap-att+xml" : "application/xcap-el+xml";
        return new Selected(node.content(), type, current.etag());
    }

    public Written putNode(
            String owner,
            Auid auid,
            String selector,
            Map<String, String> prefixes,
            byte[] body,
            Preconditions conditions) {
        tooLarge(body);
        return edit(
                owner,
                auid,
                conditions,
                xml -> NodeEdits.put(auid, xml, selector, prefixes, new String(body, StandardCharsets.UTF_8), body));
    }

    public Written deleteNode(
            String owner, Auid auid, String selector, Map<String, String> prefixes, Preconditions conditions) {
        return edit(owner, auid, conditions, xml -> NodeEdits.delete(auid, xml, selector, prefixes));
    }

    private Written edit(String owner, Auid auid, Preconditions conditions, Function<String, NodeEdits.Edited> change) {
        synchronized (lock(owner, auid)) {
            XcapDocument current = find(owner, auid).orElseThrow(() -> notFound("No such document"));
            conditions.check(current.etag());
            NodeEdits.Edited edited = change.apply(current.xml());
            acrossUsers(owner, auid, edited.xml());
            if (edited.xml().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                throw new XcapException(413, null, "The document would be larger than " + maxBytes + " bytes");
            }
            XcapDocument next = new XcapDocument(owner, auid.id(), edited.xml(), newEtag());
            if (!repository.replace(next, current.etag()))
                throw new XcapException(412, null, "The document changed meanwhile");
            events.publishEvent(new XcapDocumentChanged(owner, auid.id()));
            return new Written(next.etag(), edited.created());
        }
    }

    /**
     * The RLS services {@code owner} defines (RFC 4826 §4), each with its list's entries: inline, or read from the
     * owner's resource-lists document where its {@code <resource-list>} points. Empty without a document.
     */
    public List<RlsService> rlsServices(String owner) {
        return find(owner, Auid.RLS_SERVICES)
                .map(d -> RlsServiceRules.services(
                        owner,
                        d.xml(),
                        find(owner, Auid.RESOURCE_LISTS).map(XcapDocument::xml).orElse(null)))
                .orElse(List.of());
    }

    /** The users who stored a document of {@code auid}. */
    public List<String> owners(Auid auid) {
        return repository.all(auid.id()).stream().map(XcapDocument::owner).toList();
    }

    /** RFC 4826 §4.4.5, §4.4.8: what an rls-services document must be among the domain's numbers and users' services. */
    private void acrossUsers(String owner, Auid auid, String xml) {
        if (auid != Auid.RLS_SERVICES) return;
        Set<String> taken = new HashSet<>();
        for (XcapDocument other : repository.all(auid.id())) {
            if (!other.owner().equals(owner)) taken.addAll(RlsServiceRules.uris(other.xml()));
        }
        RlsServiceRules.check(owner, xml, domain, users::exists, taken);
    }

    private void tooLarge(byte[] body) {
        if (body.length > maxBytes) throw new XcapException(413, null, "Larger than " + maxBytes + " bytes");
    }

    private Object lock(String owner, Auid auid) {
        if (auid == Auid.RLS_SERVICES) return rlsLock;
        return locks.computeIfAbsent(owner + "/" + auid.id(), k -> new Object());
    }

    private static String newEtag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static XcapException notFound(String why) {
        return new XcapException(404, null, why);
    }
}
