package org.tandem.pbx.presence.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.config.WebServerPort;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapDocument;
import org.tandem.pbx.xcap.XcapDocumentChanged;
import org.tandem.pbx.xcap.XcapDocuments;
import org.tandem.pbx.xcap.XcapProperties;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The xcap-diff event package (RFC 5875) in its default "no-patching" mode: a user's client subscribes to its own
 * AOR with {@code Event: xcap-diff} and learns, with the documents' entity tags (RFC 5874 {@code <document sel
 * new-etag previous-etag>}), whenever one of its XCAP documents is created, changed or removed — by another of its
 * clients, say — so that it fetches it again instead of polling. The SUBSCRIBE body (RFC 5875 §4.3,
 * application/resource-lists+xml) lists the documents to watch by their XCAP URIs; without a body, all of the user's
 * documents are watched. Only the user may watch its own documents (anyone else: 403), and only those are taken from
 * the list.
 */
@Component
class XcapDiffPackage implements EventPackage {

    static final String EVENT = "xcap-diff";
    static final String CONTENT_TYPE = "application/xcap-diff+xml";
    static final String NAMESPACE = "urn:ietf:params:xml:ns:xcap-diff";

    private final Subscriptions subscriptions;
    private final XcapDocuments documents;
    private final UserDirectory users;
    private final SipDomain domain;
    private final String xcapRoot;

    XcapDiffPackage(
            Subscriptions subscriptions,
            XcapDocuments documents,
            UserDirectory users,
            SipDomain domain,
            SipTransports transports,
            XcapProperties xcap,
            Environment env) {
        this.subscriptions = subscriptions;
        this.documents = documents;
        this.users = users;
        this.domain = domain;
        // RFC 5874 §4: the XCAP root the selectors are relative to, as clients reach the web server
        this.xcapRoot = xcap.rootUrl() != null
                ? xcap.rootUrl()
                : "http://" + transports.advertisedHost() + ":" + WebServerPort.configured(env) + "/xcap-root/";
        subscriptions.register(this);
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public boolean watchable(String resource) {
        return users.exists(resource);
    }

    @Override
    public Admission admit(String subscriber, String resource) {
        return subscriber.equals(resource) ? Admission.ACTIVE : Admission.REJECTED;
    }

    /** RFC 5875 §4.3: the documents of the body's resource list that are the subscriber's, or all without a body. */
    @Override
    public void subscribing(Subscription s, String contentType, byte[] body) {
        Map<String, String> watched = new LinkedHashMap<>();
        if (body.length == 0) {
            for (Auid a : Auid.values()) watched.put(a.id(), null);
        } else {
            if (!Auid.RESOURCE_LISTS.mimeType().equalsIgnoreCase(contentType)) {
                throw new IllegalArgumentException(
                        "An xcap-diff SUBSCRIBE lists documents as " + Auid.RESOURCE_LISTS.mimeType());
            }
            NodeList entries = PresenceXml.parse(new String(body, StandardCharsets.UTF_8))
                    .getElementsByTagNameNS(Auid.RESOURCE_LISTS.namespace(), "entry");
            for (int i = 0; i < entries.getLength(); i++) {
                auidOf(((Element) entries.item(i)).getAttribute("uri"), s.resource())
                        .ifPresent(a -> watched.put(a.id(), null));
            }
        }
        s.state().documents = watched;
    }

    /** RFC 5875 §4.4.1: every watched document that exists, with its entity tag. */
    @Override
    public String fullState(Subscription s) {
        StringBuilder out = start();
        Map<String, String> watched = s.state().documents;
        for (String auid : watched.keySet()) {
            String etag = etag(s.resource(), auid);
            watched.put(auid, etag);
            if (etag != null) document(out, s.resource(), auid, null, etag);
        }
        return out.append("</xcap-diff>\n").toString();
    }

    /** A document of the user changed (after the commit): its watchers learn the old and the new entity tag. */
    @EventListener
    void onXcap(XcapDocumentChanged e) {
        String etag = etag(e.owner(), e.auid());
        subscriptions.changed(EVENT, e.owner(), s -> {
            Map<String, String> watched = s.state().documents;
            if (watched == null || !watched.containsKey(e.auid())) return null;
            String told = watched.get(e.auid());
            if (Objects.equals(told, etag)) return null;
            watched.put(e.auid(), etag);
            // RFC 5874 §4: previous-etag alone is a removed document, new-etag alone a created one
            return document(start(), e.owner(), e.auid(), told, etag)
                    .append("</xcap-diff>\n")
                    .toString();
        });
    }

    private String etag(String owner, String auid) {
        return Auid.of(auid)
                .flatMap(a -> documents.find(owner, a))
                .map(XcapDocument::etag)
                .orElse(null);
    }

    private StringBuilder start() {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xcap-diff xmlns=\"")
                .append(NAMESPACE)
                .append("\" xcap-root=\"")
                .append(escape(xcapRoot))
                .append("\">\n");
    }

    private StringBuilder document(StringBuilder out, String owner, String auid, String previous, String next) {
        out.append("  <document sel=\"")
                .append(escape(auid + "/users/sip:" + owner + "@" + domain.current() + "/index"))
                .append('"');
        if (previous != null)
            out.append(" previous-etag=\"").append(escape(previous)).append('"');
        if (next != null) out.append(" new-etag=\"").append(escape(next)).append('"');
        return out.append("/>\n");
    }

    /**
     * The usage of an XCAP document URI ({@code [http://host/xcap-root/]<auid>/users/<xui>/index}) when the document is
     * {@code user}'s own.
     */
    private Optional<Auid> auidOf(String uri, String user) {
        String path = URLDecoder.decode(uri.strip().replace("+", "%2B"), StandardCharsets.UTF_8);
        int root = path.indexOf("/xcap-root/");
        if (root >= 0) path = path.substring(root + "/xcap-root/".length());
        String[] parts = path.split("/");
        if (parts.length != 4 || !"users".equals(parts[1]) || !"index".equals(parts[3])) return Optional.empty();
        String xui = parts[2].startsWith("sip:") ? parts[2].substring(4) : parts[2];
        int at = xui.indexOf('@');
        boolean own = at > 0 ? xui.substring(0, at).equals(user) && domain.is(xui.substring(at + 1)) : xui.equals(user);
        return own ? Auid.of(parts[0]) : Optional.empty();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
