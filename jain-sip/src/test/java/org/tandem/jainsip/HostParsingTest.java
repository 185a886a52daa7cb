package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.HostNameParser;
import gov.nist.core.HostPort;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.parser.ContactParser;
import gov.nist.javax.sip.parser.URLParser;
import org.junit.jupiter.api.Test;

/**
 * Patch 0009 (patches/0009-lexer-substrings-without-copying-the-buffer.patch): the URI and host parsers cut what they
 * read out of the lexer's buffer instead of out of a String copy of the whole buffer, and look for an IPv6 address in
 * place. What they parse is pinned here (hosts, IPv6 with and without brackets, user, password, parameters, a multi
 * header); what it costs is counted: a Contact whose line ends in a long header parameter allocates the parameter
 * and the line once, not once more for the user, the host and each uri parameter.
 *
 * <p>Unpatched jain-sip 1.3.0-91 passes the parsing tests and fails {@link #aLongLineIsNotCopiedPerUriPart}: there the
 * long tail is copied six more times (9 bytes per character of the line instead of 3).
 */
class HostParsingTest {

    @Test
    void hostsAndUriPartsParseAsBefore() throws Exception {
        SipUri uri = (SipUri) new URLParser("sip:alice:secret@atlanta.example.com:5062;transport=udp;lr;maddr=192.0.2.1"
                        + "?subject=project%20x")
                .parse();
        assertThat(uri.getUser()).isEqualTo("alice");
        assertThat(uri.getUserPassword()).isEqualTo("secret");
        assertThat(uri.getHost()).isEqualTo("atlanta.example.com");
        assertThat(uri.getPort()).isEqualTo(5062);
        assertThat(uri.getTransportParam()).isEqualTo("udp");
        assertThat(uri.hasLrParam()).isTrue();
        assertThat(uri.getMAddrParam()).isEqualTo("192.0.2.1");
        assertThat(uri.getHeader("subject")).isEqualTo("project%20x");

        SipUri bracketed = (SipUri) new URLParser("sip:bob@[2001:db8::1]:5060;transport=tcp").parse();
        assertThat(bracketed.getHost()).isEqualTo("[2001:db8::1]");
        assertThat(bracketed.getPort()).isEqualTo(5060);

        // an IPv6 address without brackets: the host ends at ';' (or '?', or ',')
        HostPort bare = new HostNameParser("2001:db8::2;lr").hostPort(true);
        assertThat(bare.getHost().getHostname()).isEqualTo("[2001:db8::2]");
        HostPort v4 = new HostNameParser("192.0.2.7:5070;x=a:b:c").hostPort(true);
        assertThat(v4.getHost().getHostname()).isEqualTo("192.0.2.7");
        assertThat(v4.getPort()).isEqualTo(5070);
        HostPort named = new HostNameParser("pc33.atlanta.example.com?h=a:b:c").hostPort(true);
        assertThat(named.getHost().getHostname()).isEqualTo("pc33.atlanta.example.com");
    }

    @Test
    void aMultiHeaderSplitsAtItsComma() throws Exception {
        ContactList contacts = (ContactList) new ContactParser(
                        "Contact: <sip:2001@192.0.2.10:5062;ob>;expires=60, sip:2001@[2001:db8::5]:5064;expires=30\n")
                .parse();
        assertThat(contacts).hasSize(2);
        Contact first = (Contact) contacts.getFirst();
        Contact second = (Contact) contacts.getLast();
        assertThat(((SipUri) first.getAddress().getURI()).getHost()).isEqualTo("192.0.2.10");
        assertThat(((SipUri) first.getAddress().getURI()).getParameter("ob")).isEqualTo("");
        assertThat(first.getExpires()).isEqualTo(60);
        assertThat(((SipUri) second.getAddress().getURI()).getHost()).isEqualTo("[2001:db8::5]");
        assertThat(((SipUri) second.getAddress().getURI()).getPort()).isEqualTo(5064);
        assertThat(second.getExpires()).isEqualTo(30);
    }

    @Test
    void aLongLineIsNotCopiedPerUriPart() throws Exception {
        String head = "Contact: <sip:2001@192.0.2.10:5062;transport=udp;ob>;expires=3600";
        String tail = ";+sip.instance=\"<urn:uuid:" + "0".repeat(2_000) + ">\"\n";
        String shortLine = head + ";+sip.instance=\"<urn:uuid:0>\"\n";
        String longLine = head + tail;

        long shortCost = HeaderParserLookupTest.bytesPerCall(() -> new ContactParser(shortLine).parse());
        long longCost = HeaderParserLookupTest.bytesPerCall(() -> new ContactParser(longLine).parse());

        // the lexer's chars (2 bytes each) and the parameter's value (1 byte each): 3 bytes per extra char (measured
        // 5,957 for 1,999); upstream 9 (18,000): the whole line again for the rest after the user (IPv6 test), the
        // user, the host, and each uri parameter's name and value (1 byte a char each)
        assertThat(longCost - shortCost)
                .as("extra bytes for a line %d chars longer", longLine.length() - shortLine.length())
                .isLessThan(5L * (longLine.length() - shortLine.length()));
    }
}
