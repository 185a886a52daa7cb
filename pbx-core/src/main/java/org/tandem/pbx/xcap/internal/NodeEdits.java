package org.tandem.pbx.xcap.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import org.tandem.pbx.xcap.Auid;
import org.tandem.pbx.xcap.XcapException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reading and changing one element or attribute of a document (RFC 4825 §8.2.3-8.2.5, §8.3, §8.4): PUT of an
 * element replaces the one selected or, when none is, inserts it as the last child of the element the selector's
 * parent part picks ({@code <no-parent/>} when there is none); the element must then be what the selector picks
 * ({@code <cannot-insert/>} otherwise). DELETE removes it (the root cannot go: {@code <cannot-delete/>}). Every
 * result is validated as a whole document.
 */
public final class NodeEdits {

    /**
     * A selected element (its XML), attribute (its value) or the namespace bindings in scope of an element (RFC 4825
     * §7.10: an element of the selected one's name carrying every binding, {@code application/xcap-ns+xml}).
     */
    public record Node(String content, boolean attribute, boolean namespaces) {}

    /** The document after an edit, and whether the node was created (201) rather than replaced. */
    public record Edited(String xml, boolean created) {}

    private NodeEdits() {}

    /** A whole document as PUT (RFC 4825 §8.2.1): parsed, validated, and written back as stored. */
    public static String checkedDocument(Auid auid, byte[] body) {
        Document doc = XmlDocs.parse(body);
        XcapValidation.check(auid, doc);
        return XmlDocs.write(doc, true);
    }

    public static Node select(Auid auid, String xml, String selectorText, Map<String, String> prefixes) {
        Document doc = XmlDocs.parse(xml.getBytes(StandardCharsets.UTF_8));
        NodeSelector selector = NodeSelector.parse(selectorText, auid.namespace(), prefixes);
        Element e = selector.select(doc);
        if (e == null) return null;
        if (selector.namespaces()) return new Node(bindings(e), false, true);
        if (selector.terminalAttribute() == null) return new Node(XmlDocs.write(e, false), false, false);
        return e.hasAttribute(selector.terminalAttribute())
                ? new Node(e.getAttribute(selector.terminalAttribute()), true, false)
                : null;
    }

    /** RFC 4825 §7.10: the element's name with every namespace declaration in scope (the nearest one per prefix). */
    private static String bindings(Element e) {
        Map<String, String> scope = new LinkedHashMap<>();
        for (org.w3c.dom.Node n = e; n instanceof Element el; n = n.getParentNode()) {
            var attributes = el.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                org.w3c.dom.Node a = attributes.item(i);
                if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) continue;
                scope.putIfAbsent(a.getNodeName(), a.getNodeValue());
            }
        }
        StringBuilder out = new StringBuilder("<").append(e.getTagName());
        scope.forEach((name, uri) -> out.append(' ')
                .append(name)
                .append("=\"")
                .append(XcapValidation.escape(uri))
                .append('"'));
        return out.append("/>").toString();
    }

    /** RFC 4825 §8.2 and §8.3 (namespace bindings are read-only): PUT or DELETE of {@code namespace::*} is 405. */
    private static void notOnNamespaces(NodeSelector selector) {
        if (selector.namespaces()) throw new XcapException(405, null, "Namespace bindings can only be read (GET)");
    }

    public static Edited put(
            Auid auid, String xml, String selectorText, Map<String, String> prefixes, String text, byte[] body) {
        Document doc = XmlDocs.parse(xml.getBytes(StandardCharsets.UTF_8));
        NodeSelector selector = NodeSelector.parse(selectorText, auid.namespace(), prefixes);
        notOnNamespaces(selector);
        int steps = selector.steps().size();
        boolean created;
        if (selector.terminalAttribute() != null) {
            Element e = selector.select(doc);
            if (e == null) throw noParent();
            created = !e.hasAttribute(selector.terminalAttribute());
            e.setAttribute(selector.terminalAttribute(), text); // RFC 4825 §8.2.4: the body is the value
            if (selector.select(doc) != e) throw cannotInsert("the new value would no longer match the selector");
        } else {
            if (steps == 1) throw cannotInsert("replace the whole document without a node selector");
            Element parent = selector.select(doc, steps - 1);
            if (parent == null) throw noParent();
            NodeSelector.Step last = selector.steps().get(steps - 1);
            Element element = fragment(doc, parent, prefixes, body);
            Element existing = NodeSelector.child(parent, last);
            created = existing == null;
            if (existing != null) {
                parent.replaceChild(element, existing);
            } else {
                insert(parent, last, element);
            }
            if (selector.select(doc) != element) {
                throw cannotInsert("the element does not match the node selector where it would be put");
            }
        }
        XcapValidation.check(auid, doc);
        return new Edited(XmlDocs.write(doc, true), created);
    }

    public static Edited delete(Auid auid, String xml, String selectorText, Map<String, String> prefixes) {
        Document doc = XmlDocs.parse(xml.getBytes(StandardCharsets.UTF_8));
        NodeSelector selector = NodeSelector.parse(selectorText, auid.namespace(), prefixes);
        notOnNamespaces(selector);
        Element e = selector.select(doc);
        if (e == null) throw new XcapException(404, null, "No such node");
        if (selector.terminalAttribute() != null) {
            if (!e.hasAttribute(selector.terminalAttribute())) throw new XcapException(404, null, "No such attribute");
            e.removeAttribute(selector.terminalAttribute());
        } else {
            if (e == doc.getDocumentElement()) throw cannotDelete("the root element");
            e.getParentNode().removeChild(e);
            // RFC 4825 §8.4: afterwards the selector must select nothing (by position it would pick the next one)
            if (selector.select(doc) != null) throw cannotDelete("the selector would then pick another element");
        }
        XcapValidation.check(auid, doc);
        return new Edited(XmlDocs.write(doc, true), false);
    }

    /**
     * RFC 4825 §8.2.3, where a new element goes among its siblings: with a position predicate ({@code entry[2]},
     * {@code *[3]}) so that it becomes that one of the siblings the step's name test counts — after the one before it,
     * or first (no gap may stay: {@code <cannot-insert/>}); without one, after the last sibling of its name (so an
     * entry stays before a list's extension elements, as the schemas want), or last of all when it has none.
     */
    private static void insert(Element parent, NodeSelector.Step last, Element element) {
        List<Element> named = NodeSelector.named(parent, last);
        if (last.position() != null) {
            int position = last.position();
            if (position - 1 > named.size()) {
                throw cannotInsert("there are only " + named.size() + " such elements: position " + position
                        + " would leave a gap");
            }
            if (position == 1 && !named.isEmpty()) {
                parent.insertBefore(element, named.get(0));
                return;
            }
            if (position > 1) {
                parent.insertBefore(element, named.get(position - 2).getNextSibling());
                return;
            }
        } else if (!named.isEmpty()) {
            parent.insertBefore(element, named.get(named.size() - 1).getNextSibling());
            return;
        }
        parent.appendChild(element);
    }

    /**
     * The one element of a PUT body (RFC 4825 §8.2.3: {@code application/xcap-el+xml}), read in the namespace
     * context of where it goes: unprefixed names in the parent's namespace, the request's xmlns() prefixes bound.
     */
    private static Element fragment(Document doc, Element parent, Map<String, String> prefixes, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            text = end < 0 ? text : text.substring(end + 2).strip();
        }
        StringBuilder wrapper = new StringBuilder("<xcap-fragment xmlns=\"")
                .append(XcapValidation.escape(parent.getNamespaceURI() == null ? "" : parent.getNamespaceURI()))
                .append('"');
        for (var p : prefixes.entrySet()) {
            wrapper.append(" xmlns:")
                    .append(p.getKey())
                    .append("=\"")
                    .append(XcapValidation.escape(p.getValue()))
                    .append('"');
        }
        wrapper.append('>').append(text).append("</xcap-fragment>");
        Document parsed = XmlDocs.parse(wrapper.toString().getBytes(StandardCharsets.UTF_8));
        Element only = null;
        for (org.w3c.dom.Node n = parsed.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (only != null) throw XcapException.conflict("<not-xml-frag/>", "The body is more than one element");
                only = e;
            } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE
                    && !n.getTextContent().isBlank()) {
                throw XcapException.conflict("<not-xml-frag/>", "The body has text outside its element");
            }
        }
        if (only == null) throw XcapException.conflict("<not-xml-frag/>", "The body is no element");
        return (Element) doc.importNode(only, true);
    }

    private static XcapException noParent() {
        return XcapException.conflict("<no-parent/>", "The element the node goes into does not exist");
    }

    private static XcapException cannotInsert(String why) {
        return XcapException.conflict("<cannot-insert/>", why);
    }

    private static XcapException cannotDelete(String why) {
        return XcapException.conflict("<cannot-delete/>", why);
    }
}
