package org.tandem.provisioning.softphone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Linphone remote-provisioning document, read back by an XML parser as Linphone's would read it. */
class LinphoneConfigTest {

    private static final String HA1 = DigestAlgorithm.MD5.ha1("201", "pbx.example", "Sip-secret-201");

    @Test
    void holdsOneAccountWithTheDigestHa1AndNoPassword() throws Exception {
        Document doc = parse(LinphoneConfig.xml(new LinphoneConfig.Account(
                "Ann Example", "201", "pbx.example", "192.0.2.10", 5060, "udp", "pbx.example", HA1)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.linphone.org/xsds/lpconfig.xsd");
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("config");
        assertThat(section(doc, "sip")).containsEntry("default_proxy", "0");
        assertThat(section(doc, "misc"))
                .as("used once: not fetched again at the next start")
                .containsEntry("transient_provisioning", "1");
        Map<String, String> proxy = section(doc, "proxy_0");
        assertThat(proxy)
                .containsEntry("reg_proxy", "<sip:192.0.2.10:5060;transport=udp>")
                .containsEntry("reg_identity", "\"Ann Example\" <sip:201@pbx.example>")
                .containsEntry("reg_sendregister", "1");
        Map<String, String> auth = section(doc, "auth_info_0");
        assertThat(auth)
                .containsEntry("username", "201")
                .containsEntry("ha1", HA1)
                .containsEntry("realm", "pbx.example")
                .containsEntry("domain", "pbx.example")
                .containsEntry("algorithm", "MD5")
                .doesNotContainKey("passwd");
        // RFC 2617 §3.2.2.2: HA1 = MD5(username ":" realm ":" password), computed here without the appliance's code
        assertThat(HA1)
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("MD5")
                                .digest("201:pbx.example:Sip-secret-201".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void namesWithMarkupAndQuotesAreEscapedForXmlAndSip() throws Exception {
        String name = "Smith & Sons <Sales> \"Bob\" \\ O'Neil\nline two";
        String xml = LinphoneConfig.xml(
                new LinphoneConfig.Account(name, "202", "pbx.example", "pbx.example", 5060, "udp", "pbx.example", HA1));
        assertThat(xml).doesNotContain("& ").doesNotContain("<Sales>");
        Map<String, String> proxy = section(parse(xml), "proxy_0");
        // RFC 3261 §25.1: '"' and '\' as quoted-pairs inside the quoted display name; the line break is a space
        assertThat(proxy.get("reg_identity"))
                .isEqualTo("\"Smith & Sons <Sales> \\\"Bob\\\" \\\\ O'Neil line two\" <sip:202@pbx.example>");
    }

    @Test
    void anIpv6ServerIsBracketed() throws Exception {
        Map<String, String> proxy = section(
                parse(LinphoneConfig.xml(new LinphoneConfig.Account(
                        null, "203", "pbx.example", "2001:db8::1", 5062, "tcp", "pbx.example", HA1))),
                "proxy_0");
        assertThat(proxy)
                .containsEntry("reg_proxy", "<sip:[2001:db8::1]:5062;transport=tcp>")
                .containsEntry("reg_identity", "<sip:203@pbx.example>");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> section(Document doc, String name) {
        NodeList sections = doc.getElementsByTagNameNS("*", "section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element s = (Element) sections.item(i);
            if (!name.equals(s.getAttribute("name"))) continue;
            Map<String, String> entries = new LinkedHashMap<>();
            NodeList list = s.getElementsByTagNameNS("*", "entry");
            for (int j = 0; j < list.getLength(); j++) {
                Element e = (Element) list.item(j);
                entries.put(e.getAttribute("name"), e.getTextContent());
            }
            return entries;
        }
        throw new AssertionError("no section " + name);
    }
}
