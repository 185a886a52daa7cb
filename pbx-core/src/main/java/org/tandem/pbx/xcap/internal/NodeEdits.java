package org.tandem.pbx.xcap.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    /** A selected element (its XML) or attribute (its value). */
    public record Node(String content, boolean attribute) {
    }

    /** The document after an edit, and whether the node was created (201) rather than replaced. */
    public record Edited(String xml, boolean created) {
    }

    private NodeEdits() {
    }

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
        if (selector.terminalAttribute() == null) return new Node(XmlDocs.write(e, false), false);
        return e.hasAttribute(selector.terminalAttribute()) ? new Node(e.getAttribute(selector.terminalAttribute()), true)
                : null;
    }

    public static Edited put(Auid auid, String xml, String selectorText, Map<String, String> prefixes, String text,
                             byte[] body) {
        Document doc = XmlDocs.parse(xml.getBytes(StandardCharsets.UTF_8));
        NodeSelector selector = NodeSelector.parse(selectorText, auid.namespace(), prefixes);
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
                parent.appendChild(element);
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
                .append(XcapValidation.escape(parent.getNamespaceURI() == null ? "" : parent.getNamespaceURI())).append('"');
        for (var p : prefixes.entrySet()) {
            wrapper.append(" xmlns:").append(p.getKey()).append("=\"").append(XcapValidation.escape(p.getValue())).append('"');
        }
        wrapper.append('>').append(text).append("</xcap-fragment>");
        Document parsed = XmlDocs.parse(wrapper.toString().getBytes(StandardCharsets.UTF_8));
        Element only = null;
        for (org.w3c.dom.Node n = parsed.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (only != null) throw XcapException.conflict("<not-xml-frag/>", "The body is more than one element");
                only = e;
            } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE && !n.getTextContent().isBlank()) {
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
