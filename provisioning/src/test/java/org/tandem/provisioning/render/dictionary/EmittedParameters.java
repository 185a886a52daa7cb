package org.tandem.provisioning.render.dictionary;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** The parameters a rendered file sets, named as {@link ParameterDictionary} names them. */
public final class EmittedParameters {

    /** One parameter as the phone reads it. */
    public record Parameter(String name, String value) {}

    private EmittedParameters() {}

    public static List<Parameter> of(String text, boolean xml) throws Exception {
        return xml ? xml(text) : keyValue(text);
    }

    /** Yealink CFG: {@code key = value}; the version header, comments and includes set nothing. */
    static List<Parameter> keyValue(String text) {
        List<Parameter> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("include:")) continue;
            int eq = line.indexOf(" = ");
            if (eq < 0) throw new IllegalArgumentException("not key = value: " + line);
            out.add(new Parameter(line.substring(0, eq).strip(), line.substring(eq + 3)));
        }
        return out;
    }

    static List<Parameter> xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = f.newDocumentBuilder()
                .parse(new InputSource(new StringReader(text)))
                .getDocumentElement();
        List<Parameter> out = new ArrayList<>();
        NamedNodeMap attrs = root.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            out.add(new Parameter(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue()));
        }
        children(root, "", out);
        return out;
    }

    private static void children(Element parent, String path, List<Parameter> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            String name = path.isEmpty() ? e.getTagName() : path + "/" + e.getTagName();
            boolean leaf = true;
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element) leaf = false;
            }
            if (leaf) {
                // an element with only line breaks in it is an empty one
                out.add(new Parameter(name, e.getTextContent().isBlank() ? "" : e.getTextContent()));
                NamedNodeMap attrs = e.getAttributes();
                for (int i = 0; i < attrs.getLength(); i++) {
                    out.add(new Parameter(
                            name + "@" + attrs.item(i).getNodeName(),
                            attrs.item(i).getNodeValue()));
                }
            } else {
                children(e, name, out);
            }
        }
    }
}
