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
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Watcher information documents (RFC 3858): who watches a resource in one event package and in which state. Tandem
 * always sends full state (§4.2 allows it), numbered per subscription from 0 (§4.1).
 */
final class WatcherInfoDocument {

    static final String CONTENT_TYPE = "application/watcherinfo+xml";
    static final String NAMESPACE = "urn:ietf:params:xml:ns:watcherinfo";

    /**
     * One watcher (RFC 3858 §4.4): its subscription's id, its status ({@code active}, {@code pending}) and the event
     * that brought it there (RFC 3857 §3.8: {@code subscribe}).
     */
    record Watcher(String id, String uri, String status, String event) {}

    private WatcherInfoDocument() {}

    static String full(long version, String resource, String eventPackage, List<Watcher> watchers) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().newDocument();
            Element root = doc.createElementNS(NAMESPACE, "watcherinfo");
            root.setAttribute("version", Long.toString(version));
            root.setAttribute("state", "full");
            doc.appendChild(root);
            Element list = doc.createElementNS(NAMESPACE, "watcher-list");
            list.setAttribute("resource", resource);
            list.setAttribute("package", eventPackage);
            root.appendChild(list);
            for (Watcher w : watchers) {
                Element e = doc.createElementNS(NAMESPACE, "watcher");
                e.setAttribute("id", w.id());
                e.setAttribute("status", w.status());
                e.setAttribute("event", w.event());
                e.setTextContent(w.uri());
                list.appendChild(e);
            }
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("Cannot write a watcher information document", e);
        }
    }
}
