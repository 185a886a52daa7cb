package org.tandem.pbx.presence;

import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** Validates dialog-info documents against RFC 4235's schema ({@code /xsd/dialog-info.xsd}). */
public final class DialogInfoSchema {

    private static final Schema SCHEMA;

    static {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            SCHEMA = f.newSchema(DialogInfoSchema.class.getResource("/xsd/dialog-info.xsd"));
        } catch (SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** RFC 4235 §4.1.3: the values of {@code <state>} (the schema leaves it a string). */
    public static final List<String> STATES = List.of("trying", "proceeding", "early", "confirmed", "terminated");

    private DialogInfoSchema() {}

    /** Throws with the validator's message when {@code xml} is not a valid dialog-info document. */
    public static void validate(String xml) {
        try {
            SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | java.io.IOException e) {
            throw new AssertionError("Not a valid RFC 4235 dialog-info document: " + e.getMessage() + "\n" + xml, e);
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<state[^>]*>([^<]*)</state>").matcher(xml);
        while (m.find()) {
            if (!STATES.contains(m.group(1)))
                throw new AssertionError("Unknown dialog state " + m.group(1) + "\n" + xml);
        }
    }
}
