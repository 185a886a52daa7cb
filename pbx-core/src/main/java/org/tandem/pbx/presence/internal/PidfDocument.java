package org.tandem.pbx.presence.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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
    record Telephony(boolean registered, boolean onThePhone, boolean doNotDisturb) {
    }

    private PidfDocument() {
    }

    /** Parses a published document (no DTDs, no external entities) and checks RFC 3863 §4's structure. */
    static Document parse(String xml) throws InvalidPidf {
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | java.io.IOException e) {
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
        List<Document> published = new java.util.ArrayList<>();
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
        Element newest = published.isEmpty() ? null : published.get(published.size() - 1).getDocumentElement();
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
     * What a watcher may see of a composed document under the presentity's rules (RFC 5025 §3.3): tuples (services),
     * the person and devices only when granted; without "all attributes", a tuple keeps its status, the person only
     * its activities (when those are granted), a device only its id; notes go with all attributes.
     */
    static String restrict(String composed, PresenceRules.Permissions p) {
        if (p.services() && p.persons() && p.devices() && p.allAttributes()) return composed;
        Document doc;
        try {
            doc = parse(composed);
        } catch (InvalidPidf e) {
            throw new IllegalStateException("A composed document no longer parses", e);
        }
        Element root = doc.getDocumentElement();
        for (Element tuple : children(root, PIDF, "tuple")) {
            if (!p.services()) root.removeChild(tuple);
            else if (!p.allAttributes()) keepOnly(tuple, PIDF, "status", "timestamp");
        }
        for (Element person : children(root, DATA_MODEL, "person")) {
            if (!p.persons()) root.removeChild(person);
            else if (!p.allAttributes()) keepOnly(person, p.activities() ? RPID : "-", "activities");
        }
        for (Element device : children(root, DATA_MODEL, "device")) {
            if (!p.devices()) root.removeChild(device);
            else if (!p.allAttributes()) keepOnly(device, DATA_MODEL, "deviceID");
        }
        if (!p.allAttributes()) for (Element note : children(root, PIDF, "note")) root.removeChild(note);
        return write(doc);
    }

    private static void keepOnly(Element parent, String namespace, String... localNames) {
        for (Element child : children(parent, "*", "*")) {
            if (!namespace.equals(child.getNamespaceURI()) || !List.of(localNames).contains(child.getLocalName())) {
                parent.removeChild(child);
            }
        }
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
        java.util.ArrayList<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ("*".equals(namespace) || namespace.equals(e.getNamespaceURI()))
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
