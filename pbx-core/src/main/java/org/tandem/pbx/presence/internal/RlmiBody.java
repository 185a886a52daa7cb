package org.tandem.pbx.presence.internal;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.tandem.pbx.security.Digests;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The body of a NOTIFY for a resource list subscription (RFC 4662 §5): multipart/related (RFC 2387) whose root is the
 * list meta-information (RLMI, application/rlmi+xml) naming each resource with its instance's state, followed by one
 * part per resource that has state to tell, the document its event package makes, referenced by Content-ID.
 */
final class RlmiBody {

    static final String RLMI = "urn:ietf:params:xml:ns:rlmi";

    /**
     * One resource's part: its URI, its instance's state (RFC 4662 §5.3.2: {@code active}, {@code pending}, or
     * {@code terminated} with reason {@code rejected}) and, when active, its document.
     */
    record Part(String uri, String state, String contentType, String document) {

        static Part active(String uri, String contentType, String document) {
            return new Part(uri, "active", contentType, document);
        }

        static Part withoutState(String uri, String state) {
            return new Part(uri, state, null, null);
        }
    }

    private RlmiBody() {}

    /** The Content-Type of every NOTIFY of subscription {@code callId}: its boundary and root part stay the same. */
    static String contentType(String callId) {
        return "multipart/related;type=\"application/rlmi+xml\";start=\"<" + rootId(callId) + ">\";boundary=\""
                + boundary(callId) + "\"";
    }

    /**
     * @param fullState whether {@code parts} are all of the list's resources (RFC 4662 §5.2: the first NOTIFY and
     *                  after a refresh) or only those that changed
     */
    static String write(String callId, String listUri, long version, boolean fullState, List<Part> parts) {
        String boundary = boundary(callId);
        StringBuilder body = new StringBuilder();
        body.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Transfer-Encoding: binary\r\n")
                .append("Content-ID: <")
                .append(rootId(callId))
                .append(">\r\n")
                .append("Content-Type: application/rlmi+xml;charset=\"UTF-8\"\r\n\r\n")
                .append(rlmi(callId, listUri, version, fullState, parts))
                .append("\r\n");
        for (Part p : parts) {
            if (p.document() == null) continue;
            body.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Transfer-Encoding: binary\r\n")
                    .append("Content-ID: <")
                    .append(cid(callId, p.uri()))
                    .append(">\r\n")
                    .append("Content-Type: ")
                    .append(p.contentType())
                    .append(";charset=\"UTF-8\"\r\n\r\n")
                    .append(p.document())
                    .append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    /** RFC 4662 §5.3: the list, its version, and each resource's instance with its state and content id. */
    private static String rlmi(String callId, String listUri, long version, boolean fullState, List<Part> parts) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().newDocument();
            Element list = doc.createElementNS(RLMI, "list");
            list.setAttribute("uri", listUri);
            list.setAttribute("version", Long.toString(version));
            list.setAttribute("fullState", Boolean.toString(fullState));
            doc.appendChild(list);
            for (Part p : parts) {
                Element resource = doc.createElementNS(RLMI, "resource");
                resource.setAttribute("uri", p.uri());
                Element instance = doc.createElementNS(RLMI, "instance");
                instance.setAttribute("id", id(callId, p.uri()));
                instance.setAttribute("state", p.state());
                if (p.document() != null) instance.setAttribute("cid", cid(callId, p.uri()));
                // RFC 4662 §5.3.2: a terminated instance says why; a pending one is on the list without its state
                if ("terminated".equals(p.state())) instance.setAttribute("reason", "rejected");
                resource.appendChild(instance);
                list.appendChild(resource);
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("Cannot write an RLMI document", e);
        }
    }

    private static String boundary(String callId) {
        return "tandem-rls-" + id(callId, "boundary");
    }

    private static String rootId(String callId) {
        return id(callId, "rlmi") + "@tandem";
    }

    private static String cid(String callId, String uri) {
        return id(callId, "cid:" + uri) + "@tandem";
    }

    /** Stable per subscription and resource (RFC 4662 §5.3.2: an instance keeps its id), unguessable from outside. */
    private static String id(String callId, String what) {
        return Digests.nameUuid((callId + "|" + what).getBytes(StandardCharsets.UTF_8))
                .toString()
                .substring(0, 18);
    }
}
