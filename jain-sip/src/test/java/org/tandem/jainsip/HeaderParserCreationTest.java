package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.parser.AuthorizationParser;
import gov.nist.javax.sip.parser.CSeqParser;
import gov.nist.javax.sip.parser.CallIDParser;
import gov.nist.javax.sip.parser.ContactParser;
import gov.nist.javax.sip.parser.ContentLengthParser;
import gov.nist.javax.sip.parser.EventParser;
import gov.nist.javax.sip.parser.FromParser;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.ProxyAuthorizationParser;
import gov.nist.javax.sip.parser.RecordRouteParser;
import gov.nist.javax.sip.parser.ReferToParser;
import gov.nist.javax.sip.parser.ToParser;
import gov.nist.javax.sip.parser.ViaParser;
import gov.nist.javax.sip.parser.extensions.SessionExpiresParser;
import gov.nist.javax.sip.parser.ims.PAssertedIdentityParser;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Patch 0002: {@code ParserFactory.createParser} still hands every header line the parser of its name, long or compact
 * form, in any letter case, and one registered with {@code addToParserTable}; a line without a name is refused as
 * before.
 */
class HeaderParserCreationTest {

    static final Map<String, Class<?>> PARSERS = Map.ofEntries(
            Map.entry("Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1", ViaParser.class),
            Map.entry("v: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1", ViaParser.class),
            Map.entry("VIA: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1", ViaParser.class),
            Map.entry("From: <sip:a@b>;tag=1", FromParser.class),
            Map.entry("f: <sip:a@b>;tag=1", FromParser.class),
            Map.entry("to: <sip:a@b>", ToParser.class),
            Map.entry("T: <sip:a@b>", ToParser.class),
            Map.entry("Call-ID: x@y", CallIDParser.class),
            Map.entry("i: x@y", CallIDParser.class),
            Map.entry("CSeq: 1 INVITE", CSeqParser.class),
            Map.entry("Contact: <sip:a@b>", ContactParser.class),
            Map.entry("m: <sip:a@b>", ContactParser.class),
            Map.entry("Content-Length: 0", ContentLengthParser.class),
            Map.entry("l: 0", ContentLengthParser.class),
            Map.entry("Record-Route: <sip:p;lr>", RecordRouteParser.class),
            Map.entry("Authorization: Digest username=\"a\"", AuthorizationParser.class),
            Map.entry("Proxy-Authorization: Digest username=\"a\"", ProxyAuthorizationParser.class),
            Map.entry("o: dialog", EventParser.class),
            Map.entry("r: <sip:c@d>", ReferToParser.class),
            Map.entry("x: 1800", SessionExpiresParser.class),
            Map.entry("P-Asserted-Identity: <sip:a@b>", PAssertedIdentityParser.class),
            Map.entry("X-Unknown: anything", HeaderParser.class));

    @Test
    void everyNameGetsItsParser() throws Exception {
        for (Map.Entry<String, Class<?>> e : PARSERS.entrySet()) {
            HeaderParser parser = ParserFactory.createParser(e.getKey() + "\n");
            assertThat(parser).as(e.getKey()).isExactlyInstanceOf(e.getValue());
            SIPHeader header = parser.parse();
            assertThat(header.encode()).as(e.getKey()).isNotEmpty();
        }
    }

    @Test
    void aParserAddedToTheTableIsUsed() throws Exception {
        ParserFactory.addToParserTable("X-Tandem-Test", LoudParser.class);

        HeaderParser parser = ParserFactory.createParser("x-tandem-test: quiet\n");

        assertThat(parser).isExactlyInstanceOf(LoudParser.class);
        assertThat(parser.parse().encode()).isEqualTo("X-Tandem-Test: QUIET\r\n");
    }

    @Test
    void aLineWithoutNameIsRefused() {
        assertThatThrownBy(() -> ParserFactory.createParser("no colon here\n")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> ParserFactory.createParser(": no name\n")).isInstanceOf(ParseException.class);
    }

    /** An application's own parser (addToParserTable's use): upper-cases the value. */
    public static class LoudParser extends HeaderParser {
        public LoudParser(String line) {
            super(line);
        }

        @Override
        public SIPHeader parse() throws ParseException {
            String line = lexer.getBuffer();
            ExtensionHeaderImpl header = new ExtensionHeaderImpl("X-Tandem-Test");
            header.setValue(line.substring(line.indexOf(':') + 1).trim().toUpperCase());
            return header;
        }
    }
}
