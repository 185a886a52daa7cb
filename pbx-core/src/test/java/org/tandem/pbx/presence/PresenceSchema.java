package org.tandem.pbx.presence;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Validates presence documents against RFC 3863's PIDF schema, with RFC 4479's person and device and RFC 4480's
 * activities ({@code /xsd/pidf*.xsd}, {@code /xsd/rpid.xsd}), and watcher information documents against RFC
 * 3858's ({@code /xsd/watcherinfo.xsd}): elements of other namespaces are checked wherever one
 * of these schemas knows them.
 */
public final class PresenceSchema {

    private static final Schema SCHEMA;

    static {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            SCHEMA = f.newSchema(new Source[] {
                source("pidf.xsd"), source("pidf-data-model.xsd"), source("rpid.xsd"), source("watcherinfo.xsd")
            });
        } catch (SAXException | java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private PresenceSchema() {}

    private static Source source(String name) throws java.io.IOException {
        var url = PresenceSchema.class.getResource("/xsd/" + name);
        return new StreamSource(url.openStream(), url.toString());
    }

    /** Throws with the validator's message when {@code xml} is not a valid PIDF document. */
    public static void validate(String xml) {
        try {
            SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | java.io.IOException e) {
            throw new AssertionError("Not a valid RFC 3863 presence document: " + e.getMessage() + "\n" + xml, e);
        }
    }
}
