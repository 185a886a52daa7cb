package org.tandem.pbx.xcap.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a document of each application usage must be before it is stored (RFC 4825 §8.2.5; failures are 409): the
 * structure of RFC 4826 §3.2 for resource lists (lists of entries, each with a uri) and of RFC 4745 for presence
 * rules (rules with ids), checked as {@code <schema-validation-error/>}; and the uniqueness constraints (RFC 4826
 * §3.4.5: a list's entry uris, list names, entry-ref refs and external anchors; RFC 4745: rule ids) as
 * {@code <uniqueness-failure>} naming the field.
 */
final class XcapValidation {

    static final String RL = Auid.RESOURCE_LISTS.namespace();
    static final String CP = Auid.PRES_RULES.namespace();
    static final String RLS = Auid.RLS_SERVICES.namespace();

    private XcapValidation() {}

    static void check(Auid auid, Document doc) {
        Element root = doc.getDocumentElement();
        if (!auid.namespace().equals(root.getNamespaceURI()) || !auid.root().equals(root.getLocalName())) {
            throw schema("the root element must be <" + auid.root() + "> of " + auid.namespace());
        }
        switch (auid) {
            case RESOURCE_LISTS -> resourceLists(root);
            case PRES_RULES -> presRules(root);
            case RLS_SERVICES -> rlsServices(root);
        }
        XcapSchemas.validate(doc); // the rest of the usage's schema (RFC 4825 §5.3)
    }

    /**
     * RFC 4826 §4.4.5: each service has a uri, one service per URI; an inline list obeys the rules of a resource list
     * (§3.4.5). Uniqueness among all users' documents (§4.4.8), the domain and the resource-list reference are checked
     * against the other documents by {@link RlsServiceRules}.
     */
    private static void rlsServices(Element root) {
        Set<String> uris = new HashSet<>();
        for (Element service : children(root)) {
            if (!RLS.equals(service.getNamespaceURI()) || !"service".equals(service.getLocalName())) {
                throw schema("<rls-services> holds <service> elements only");
            }
            if (service.getAttribute("uri").isBlank()) throw schema("a <service> needs a uri");
            unique(uris, service, "uri", "rls-services/service/@uri");
            for (Element part : children(service)) {
                if (RLS.equals(part.getNamespaceURI()) && "list".equals(part.getLocalName())) list(part);
            }
        }
    }

    private static void resourceLists(Element root) {
        Set<String> names = new HashSet<>();
        for (Element list : children(root)) {
            if (!RL.equals(list.getNamespaceURI()) || !"list".equals(list.getLocalName())) {
                throw schema("<resource-lists> holds <list> elements only");
            }
            unique(names, list, "name", "resource-lists/list/@name");
            list(list);
        }
    }

    private static void list(Element list) {
        Set<String> uris = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> refs = new HashSet<>();
        Set<String> anchors = new HashSet<>();
        for (Element e : children(list)) {
            if (!RL.equals(e.getNamespaceURI())) continue; // RFC 4826 §3.2: other namespaces may extend a list
            switch (e.getLocalName()) {
                case "display-name" -> {}
                case "entry" -> {
                    if (e.getAttribute("uri").isBlank()) throw schema("an <entry> needs a uri");
                    unique(uris, e, "uri", "list/entry/@uri");
                }
                case "list" -> {
                    unique(names, e, "name", "list/list/@name");
                    list(e);
                }
                case "entry-ref" -> {
                    if (e.getAttribute("ref").isBlank()) throw schema("an <entry-ref> needs a ref");
                    unique(refs, e, "ref", "list/entry-ref/@ref");
                }
                case "external" -> {
                    if (e.getAttribute("anchor").isBlank()) throw schema("an <external> needs an anchor");
                    unique(anchors, e, "anchor", "list/external/@anchor");
                }
                default -> throw schema("<" + e.getLocalName() + "> is no part of a resource list");
            }
        }
    }

    private static void presRules(Element root) {
        Set<String> ids = new HashSet<>();
        for (Element rule : children(root)) {
            if (!CP.equals(rule.getNamespaceURI()) || !"rule".equals(rule.getLocalName())) {
                throw schema("<ruleset> holds <rule> elements only");
            }
            if (rule.getAttribute("id").isBlank()) throw schema("a <rule> needs an id");
            unique(ids, rule, "id", "ruleset/rule/@id");
            for (Element part : children(rule)) {
                boolean known = CP.equals(part.getNamespaceURI())
                        && List.of("conditions", "actions", "transformations").contains(part.getLocalName());
                if (!known) throw schema("a <rule> holds conditions, actions and transformations only");
            }
        }
    }

    private static void unique(Set<String> seen, Element e, String attribute, String field) {
        String value = e.getAttribute(attribute);
        if (value.isEmpty()) return;
        if (!seen.add(value)) {
            throw XcapException.conflict(
                    "<uniqueness-failure><exists field=\"" + escape(field) + "\"/></uniqueness-failure>",
                    field + " '" + value + "' is there already");
        }
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }

    private static XcapException schema(String why) {
        return XcapException.conflict("<schema-validation-error phrase=\"" + escape(why) + "\"/>", why);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
