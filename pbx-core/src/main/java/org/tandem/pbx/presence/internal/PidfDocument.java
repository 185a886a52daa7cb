package org.tandem.pbx.presence.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * PIDF presence documents (RFC 3863) with the data model (RFC 4479) and rich presence (RFC 4480): reading what a
 * device PUBLISHes, and composing what a watcher is told — the tuples of all of a user's devices and one person
 * element carrying the telephony state Tandem knows itself ("on-the-phone" while in a call, "busy" under
 * do-not-disturb).
 */
final class PidfDocument {

    static final String CONTENT_TYPE = "application/pidf+xml";
    static final String PIDF = "urn:ietf:params:xml:ns:pidf";
    static final String DATA_MODEL = "urn:ietf:params:xml:ns:pidf:data-model";
    static final String RPID = "urn:ietf:params:xml:ns:pidf:rpid";
    /** A published document larger than this is refused (413): a device's status, not a file store. */
    static final int MAX_BYTES = 16 * 1024;

    /** A published document that is no PIDF document; the message says why (for the 400's reason). */
    static final class InvalidPidf extends Exception {
        InvalidPidf(String message) {
            super(message);
        }
    }

    /** What Tandem adds from its own knowledge of the user. */
    record Telephony(boolean registered, boolean onThePhone, boolean doNotDisturb) {}

    private PidfDocument() {}

    /** Parses a published document (no DTDs, no external entities) and checks RFC 3863 §4's structure. */
    static Document parse(String xml) throws InvalidPidf {
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new InvalidPidf("not well-formed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!PIDF.equals(root.getNamespaceURI()) || !"presence".equals(root.getLocalName())) {
            throw new InvalidPidf("the root element is not <presence> of " + PIDF);
        }
        if (root.getAttribute("entity").isBlank()) throw new InvalidPidf("<presence> has no entity (RFC 3863 §4.1.1)");
        for (Element tuple : children(root, PIDF, "tuple")) {
            if (tuple.getAttribute("id").isBlank()) throw new InvalidPidf("a <tuple> has no id (RFC 3863 §4.1.2)");
            List<Element> status = children(tuple, PIDF, "status");
            if (status.size() != 1) throw new InvalidPidf("a <tuple> needs exactly one <status> (RFC 3863 §4.1.3)");
            for (Element basic : children(status.get(0), PIDF, "basic")) {
                String b = basic.getTextContent().strip();
                if (!b.equals("open") && !b.equals("closed")) {
                    throw new InvalidPidf("<basic> is '" + b + "', not open or closed (RFC 3863 §4.1.4)");
                }
            }
        }
        return doc;
    }

    /**
     * The document a watcher of {@code entity} gets: every tuple of {@code published} (oldest first; ids kept unique),
     * or, when nothing is published, one tuple that is open while a device of the user is registered; the newest
     * publication's notes, person and devices; the person's activities extended by {@code telephony}.
     */
    static String compose(String entity, List<String> publishedXml, Telephony telephony) {
        List<Document> published = new ArrayList<>();
        for (String xml : publishedXml) {
            try {
                published.add(parse(xml));
            } catch (InvalidPidf e) {
                throw new IllegalStateException("A stored publication no longer parses", e); // checked when published
            }
        }
        Document out = builder().newDocument();
        Element root = out.createElementNS(PIDF, "presence");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", PIDF);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:dm", DATA_MODEL);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rpid", RPID);
        root.setAttribute("entity", entity);
        out.appendChild(root);
        Set<String> ids = new HashSet<>();
        for (Document d : published) {
            for (Element tuple : children(d.getDocumentElement(), PIDF, "tuple")) {
                root.appendChild(uniqueId((Element) out.importNode(tuple, true), ids));
            }
        }
        if (published.isEmpty()) root.appendChild(uniqueId(pbxTuple(out, entity, telephony.registered()), ids));
        Element newest =
                published.isEmpty() ? null : published.get(published.size() - 1).getDocumentElement();
        if (newest != null) {
            for (Element note : children(newest, PIDF, "note")) root.appendChild(out.importNode(note, true));
        }
        // RFC 4479 §3.3: one person per presentity; ours is the newest publication's, with what we know added
        List<Element> people = newest == null ? List.of() : children(newest, DATA_MODEL, "person");
        Element person = people.isEmpty() ? null : (Element) out.importNode(people.get(0), true);
        if (person == null && (telephony.onThePhone() || telephony.doNotDisturb())) {
            person = out.createElementNS(DATA_MODEL, "dm:person");
            person.setAttribute("id", "pbx-person");
        }
        if (person != null) {
            // an empty <activities/> (baresip sends one) says nothing and is not valid RFC 4480: dropped
            for (Element a : children(person, RPID, "activities")) {
                if (a.getElementsByTagNameNS("*", "*").getLength() == 0) {
                    person.removeChild(a);
                }
            }
            addActivity(out, person, telephony.onThePhone(), "on-the-phone");
            addActivity(out, person, telephony.doNotDisturb(), "busy");
            root.appendChild(uniqueId(person, ids));
        }
        if (newest != null) {
            for (Element device : children(newest, DATA_MODEL, "device")) {
                root.appendChild(uniqueId((Element) out.importNode(device, true), ids));
            }
        }
        return write(out);
    }

    /**
     * What a watcher may see of a composed document under the presentity's rules (RFC 5025 §3.3): the tuples
     * (services), person and devices the rules select, all or by contact URI, its scheme, occurrence id, class or
     * device ID; without "all attributes", a tuple keeps its status, a person and a device their timestamp (a device
     * its deviceID), and each only the attributes granted by name (activities, mood, place-is, note, ...; user-input
     * bare, with thresholds or full); top-level notes go with provide-note.
     */
    static String restrict(String composed, PresenceRules.Permissions p) {
        if (p.whole()) return composed;
        Document doc;
        try {
            doc = parse(composed);
        } catch (InvalidPidf e) {
            throw new IllegalStateException("A composed document no longer parses", e);
        }
        Element root = doc.getDocumentElement();
        for (Element tuple : children(root, PIDF, "tuple")) {
            if (!p.serviceSelection()
                    .covers(
                            tuple.getAttribute("id"),
                            text(tuple, PIDF, "contact"),
                            text(tuple, DATA_MODEL, "deviceID"),
                            text(tuple, RPID, "class"))) {
                root.removeChild(tuple);
            } else if (!p.allAttributes()) {
                keepGranted(tuple, p, PIDF, "status", "timestamp");
            }
        }
        for (Element person : children(root, DATA_MODEL, "person")) {
            if (!p.personSelection().covers(person.getAttribute("id"), null, null, text(person, RPID, "class"))) {
                root.removeChild(person);
            } else if (!p.allAttributes()) {
                keepGranted(person, p, DATA_MODEL, "timestamp");
            }
        }
        for (Element device : children(root, DATA_MODEL, "device")) {
            if (!p.deviceSelection()
                    .covers(
                            device.getAttribute("id"),
                            null,
                            text(device, DATA_MODEL, "deviceID"),
                            text(device, RPID, "class"))) {
                root.removeChild(device);
            } else if (!p.allAttributes()) {
                keepGranted(device, p, DATA_MODEL, "deviceID", "timestamp");
            }
        }
        if (!p.attributes().contains("note")) for (Element note : children(root, PIDF, "note")) root.removeChild(note);
        return write(doc);
    }

    /**
     * The spheres the presentity is in (RFC 4480 §3.11: {@code <rpid:sphere>} of its person, an element such as
     * {@code <rpid:work/>} or a token), in lower case: what RFC 4745 §7.2 sphere conditions are compared with.
     */
    static Set<String> spheres(String composed) {
        Set<String> out = new HashSet<>();
        try {
            for (Element person : children(parse(composed).getDocumentElement(), DATA_MODEL, "person")) {
                for (Element sphere : children(person, RPID, "sphere")) {
                    List<Element> named = children(sphere, "*", "*");
                    for (Element n : named) out.add(n.getLocalName().toLowerCase(Locale.ROOT));
                    if (named.isEmpty() && !sphere.getTextContent().isBlank()) {
                        out.add(sphere.getTextContent().strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (InvalidPidf e) {
            return Set.of();
        }
        return Set.copyOf(out);
    }

    /**
     * Keeps of {@code parent}'s children the {@code always} ones of namespace {@code ns}, the RPID elements and notes
     * the permissions grant by name, a tuple's deviceID with provide-deviceID, and user-input as far as granted.
     */
    private static void keepGranted(Element parent, PresenceRules.Permissions p, String ns, String... always) {
        for (Element child : children(parent, "*", "*")) {
            String name = child.getLocalName();
            String childNs = child.getNamespaceURI() == null ? "" : child.getNamespaceURI();
            boolean keep = ns.equals(childNs) && List.of(always).contains(name)
                    || (PIDF.equals(childNs) || DATA_MODEL.equals(childNs))
                            && "note".equals(name)
                            && p.attributes().contains("note")
                    || DATA_MODEL.equals(childNs)
                            && "deviceID".equals(name)
                            && p.attributes().contains("deviceID")
                    || RPID.equals(childNs) && p.attributes().contains(name);
            if (RPID.equals(childNs) && "user-input".equals(name)) {
                keep = p.userInput() != PresenceGrant.UserInput.FALSE;
                if (p.userInput() == PresenceGrant.UserInput.BARE) child.removeAttribute("idle-threshold");
                if (p.userInput() != PresenceGrant.UserInput.FULL) child.removeAttribute("last-input");
            }
            if (!keep) parent.removeChild(child);
        }
    }

    private static String text(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    /** RFC 3863 §4.1.2, RFC 4479 §4: ids are unique within the document, whichever device published them. */
    private static Element uniqueId(Element e, Set<String> ids) {
        String base = e.getAttribute("id");
        String id = base;
        for (int n = 2; !ids.add(id); n++) id = base + "-" + n;
        e.setAttribute("id", id);
        return e;
    }

    private static Element pbxTuple(Document out, String entity, boolean open) {
        Element tuple = out.createElementNS(PIDF, "tuple");
        tuple.setAttribute("id", "pbx");
        Element status = out.createElementNS(PIDF, "status");
        Element basic = out.createElementNS(PIDF, "basic");
        basic.setTextContent(open ? "open" : "closed");
        status.appendChild(basic);
        tuple.appendChild(status);
        Element contact = out.createElementNS(PIDF, "contact");
        contact.setTextContent(entity);
        tuple.appendChild(contact);
        return tuple;
    }

    /** RFC 4480 §3.2: adds {@code <rpid:activity/>} to the person's activities when {@code on} and it is not there. */
    private static void addActivity(Document out, Element person, boolean on, String activity) {
        if (!on) return;
        List<Element> found = children(person, RPID, "activities");
        Element activities = found.isEmpty() ? null : found.get(0);
        if (activities == null) {
            activities = out.createElementNS(RPID, "rpid:activities");
            person.insertBefore(activities, person.getFirstChild());
        }
        if (!children(activities, RPID, activity).isEmpty()) return;
        // "unknown" is exclusive of any other activity (RFC 4480's schema)
        for (Element unknown : children(activities, RPID, "unknown")) activities.removeChild(unknown);
        activities.appendChild(out.createElementNS(RPID, "rpid:" + activity));
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        ArrayList<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && ("*".equals(namespace) || namespace.equals(e.getNamespaceURI()))
                    && ("*".equals(localName) || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Document doc) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            t.setOutputProperty(OutputKeys.STANDALONE, "no");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot write a presence document", e);
        }
    }
}
