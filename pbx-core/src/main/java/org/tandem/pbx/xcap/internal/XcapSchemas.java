package org.tandem.pbx.xcap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.tandem.pbx.xcap.XcapException;
import org.w3c.dom.Document;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML schemas of the application usages (RFC 4825 §5.3 data validation), compiled once from the copies in
 * {@code xcap/xsd/}: resource-lists (RFC 4826 §3.2), rls-services (RFC 4826 §4.2), the common policy (RFC 4745 §13)
 * and presence rules (RFC 5025 §5). A document that does not validate is 409 {@code <schema-validation-error>}
 * (RFC 4825 §8.2.5) whose phrase says what the validator found. Nothing is fetched: imports resolve to these copies.
 */
final class XcapSchemas {

    private static final String DIR = "/xcap/xsd/";
    /** Imported ones first, so that each import finds its namespace loaded. */
    private static final String[] FILES = {
        "xml.xsd", "resource-lists.xsd", "rls-services.xsd", "common-policy.xsd", "pres-rules.xsd"
    };

    private static final Schema SCHEMA = compile();

    private XcapSchemas() {}

    static void validate(Document doc) {
        Validator v = SCHEMA.newValidator();
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, ""); // an xsi:schemaLocation fetches nothing
            v.validate(new DOMSource(doc));
        } catch (SAXParseException e) {
            throw XcapException.conflict(
                    "<schema-validation-error phrase=\"" + XcapValidation.escape(e.getMessage()) + "\"/>",
                    "The document does not match its schema: " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw XcapException.conflict(
                    "<schema-validation-error/>", "The document cannot be validated: " + e.getMessage());
        }
    }

    private static Schema compile() {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setResourceResolver(new ClasspathSchemas());
        Source[] sources = new Source[FILES.length];
        for (int i = 0; i < FILES.length; i++) sources[i] = new StreamSource(open(FILES[i]), DIR + FILES[i]);
        try {
            return f.newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException("The XCAP schemas do not compile", e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = XcapSchemas.class.getResourceAsStream(DIR + file);
        if (in == null) throw new UncheckedIOException(new IOException("Missing " + DIR + file));
        return in;
    }

    /** {@code xs:import schemaLocation="x.xsd"}: the copy of x.xsd beside the importing schema. */
    private static final class ClasspathSchemas implements LSResourceResolver {
        @Override
        public LSInput resolveResource(
                String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null) return null;
            String file = systemId.substring(systemId.lastIndexOf('/') + 1);
            return new Input(DIR + file, open(file));
        }
    }

    private record Input(String getSystemId, InputStream getByteStream) implements LSInput {
        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(Reader r) {}

        @Override
        public void setByteStream(InputStream s) {}

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String s) {}

        @Override
        public void setSystemId(String s) {}

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public void setPublicId(String s) {}

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String s) {}

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String s) {}

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean b) {}
    }
}
