package org.tandem.pbx.xcap.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.RlsService;
import org.tandem.pbx.xcap.XcapException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What an rls-services document (RFC 4826 §4) means and the constraints that need more than the document itself
 * (§4.4.5, §4.4.8): each service URI is a SIP URI of this domain that no user's number and no other user's service
 * already is ({@code <uniqueness-failure>} with a free alternative, as §4.4.8 asks for), and a
 * {@code <resource-list>} points into the owner's own resource-lists document ({@code <constraint-failure>}): a user
 * cannot publish somebody else's buddy list.
 */
public final class RlsServiceRules {

    static final String RL = Auid.RESOURCE_LISTS.namespace();
    static final String RLS = Auid.RLS_SERVICES.namespace();
    private static final String LISTS_PATH = "/" + Auid.RESOURCE_LISTS.id() + "/users/";

    private RlsServiceRules() {}

    /** The service URIs of a stored rls-services document. */
    public static List<String> uris(String xml) {
        List<String> uris = new ArrayList<>();
        for (Element s : XcapValidation.children(parse(xml).getDocumentElement()))
            uris.add(s.getAttribute("uri").strip());
        return uris;
    }

    /**
     * Checks {@code owner}'s new document against the domain, the users' numbers ({@code isNumber} of a user part)
     * and {@code taken}, the service URIs of every other user.
     */
    public static void check(
            String owner, String xml, SipDomain domain, Predicate<String> isNumber, Collection<String> taken) {
        Set<String> takenUsers = new HashSet<>();
        for (String t : taken) takenUsers.add(userOf(t, domain));
        for (Element service : XcapValidation.children(parse(xml).getDocumentElement())) {
            String uri = service.getAttribute("uri").strip();
            String user = userOf(uri, domain);
            if (user == null) {
                throw constraint("the service URI " + uri + " must be a sip: URI of " + domain.current());
            }
            if (isNumber.test(user))
                throw constraint("sip:" + user + " is a user's own address, not free for a service");
            if (user.endsWith("-buddies")) throw constraint("<user>-buddies is the name of each user's buddy list");
            if (takenUsers.contains(user)) {
                String alternative = "sip:" + owner + "-" + user + "@" + domain.current();
                throw XcapException.conflict(
                        "<uniqueness-failure><exists field=\"rls-services/service/@uri\"><alt-value>"
                                + XcapValidation.escape(alternative) + "</alt-value></exists></uniqueness-failure>",
                        uri + " is another user's service");
            }
            Element ref = first(service, "resource-list");
            if (ref != null && !ownList(ref.getTextContent().strip(), owner, domain)) {
                throw constraint("a <resource-list> must point into your own resource-lists document");
            }
        }
    }

    /**
     * The services of {@code owner}'s document, each with the URIs of its list's entries: an inline {@code <list>}'s, or
     * those of the node of {@code lists} (the owner's resource-lists document, may be null) its reference selects.
     */
    public static List<RlsService> services(String owner, String xml, String lists) {
        List<RlsService> out = new ArrayList<>();
        for (Element service : XcapValidation.children(parse(xml).getDocumentElement())) {
            List<String> packages = new ArrayList<>();
            Element p = first(service, "packages");
            if (p != null) {
                for (Element pkg : XcapValidation.children(p)) {
                    if (RLS.equals(pkg.getNamespaceURI()) && "package".equals(pkg.getLocalName())) {
                        packages.add(pkg.getTextContent().strip());
                    }
                }
            }
            Element inline = first(service, "list");
            Element ref = first(service, "resource-list");
            Element list = inline != null
                    ? inline
                    : ref == null ? null : referenced(ref.getTextContent().strip(), lists);
            out.add(new RlsService(
                    owner,
                    service.getAttribute("uri").strip(),
                    list == null ? List.of() : entries(list),
                    List.copyOf(packages)));
        }
        return out;
    }

    /** The user part of {@code uri} when it is {@code sip:user@<our domain>}, else null. */
    static String userOf(String uri, SipDomain domain) {
        if (!uri.regionMatches(true, 0, "sip:", 0, 4)) return null;
        String rest = uri.substring(4);
        int semi = rest.indexOf(';');
        if (semi >= 0) rest = rest.substring(0, semi);
        int at = rest.indexOf('@');
        return at > 0 && domain.is(rest.substring(at + 1)) ? rest.substring(0, at) : null;
    }

    /** RFC 4826 §4.1: the entry URIs of a list and its sublists, in document order. */
    private static List<String> entries(Element list) {
        List<String> uris = new ArrayList<>();
        NodeList entries = list.getElementsByTagNameNS(RL, "entry");
        for (int i = 0; i < entries.getLength(); i++)
            uris.add(((Element) entries.item(i)).getAttribute("uri").strip());
        return uris;
    }

    /** The element a {@code <resource-list>} URI selects in {@code lists}: the whole document without a node selector. */
    private static Element referenced(String uri, String lists) {
        if (lists == null) return null;
        String path = path(uri);
        int tilde = path.indexOf("/~~/");
        Document doc = parse(lists);
        if (tilde < 0) return doc.getDocumentElement();
        try {
            return NodeSelector.parse(path.substring(tilde + 4), RL, Map.of()).select(doc);
        } catch (XcapException e) {
            return null; // a selector that no longer means anything: an empty list
        }
    }

    private static boolean ownList(String uri, String owner, SipDomain domain) {
        String path = path(uri);
        int at = path.indexOf(LISTS_PATH);
        if (at < 0) return false;
        String rest = path.substring(at + LISTS_PATH.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !rest.startsWith("index", slash + 1)) return false;
        return owner.equals(userOf(rest.substring(0, slash), domain));
    }

    /** The percent-decoded path of an XCAP URI (absolute or starting at the path), without its query. */
    private static String path(String uri) {
        String u = uri;
        int scheme = u.indexOf("://");
        if (scheme >= 0) {
            int slash = u.indexOf('/', scheme + 3);
            u = slash < 0 ? "/" : u.substring(slash);
        }
        int query = u.indexOf('?');
        if (query >= 0) u = u.substring(0, query);
        return URLDecoder.decode(u.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Element first(Element service, String name) {
        for (Element e : XcapValidation.children(service)) {
            if (RLS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static Document parse(String xml) {
        return XmlDocs.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XcapException constraint(String why) {
        return XcapException.conflict("<constraint-failure phrase=\"" + XcapValidation.escape(why) + "\"/>", why);
    }
}
