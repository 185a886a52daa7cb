package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sip.address.AddressFactory;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

/**
 * Patch 0012 (patches/0012-first-header-attached-with-one-lookup.patch): the first header of a name is attached with
 * one look-up, every other case by the old steps. Pinned here through the message API, the paths a proxy takes (a
 * Via added on top, a Route added to none and to some, a header replaced, a duplicate single header ignored, a
 * second Content-Length taken as the length); {@code ParsedMessagesTest} covers the parser's path. Unpatched jain-sip
 * 1.3.0-91 gives the same results (the patch changes the cost, not the outcome). Not pinned: upstream's
 * {@code attachHeader(h, true, top)} leaves the replaced header in the message's header list (it is taken out of the
 * name table before the list is searched for it); {@code setHeader} removes it first, and the patch leaves both as
 * they were.
 */
class HeaderAttachTest {

    private static final String BYE = "BYE sip:bob@192.0.2.4 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnashds7\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bKfirst\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
            + "Call-ID: a84b4c76e66710\r\n"
            + "CSeq: 231 BYE\r\n"
            + "Content-Length: 0\r\n\r\n";

    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();

    @Test
    void aViaAddedOnTopAndRoutesAddedInOrder() throws Exception {
        SIPRequest bye = parse(BYE);
        ViaHeader ours = headers.createViaHeader("192.0.2.9", 5070, "udp", "z9hG4bKours");
        bye.addFirst(ours);
        assertThat(branches(bye)).containsExactly("z9hG4bKours", "z9hG4bKnashds7", "z9hG4bKfirst");
        assertThat(bye.getTopmostVia().getBranch()).isEqualTo("z9hG4bKours");

        AddressFactory addresses = new gov.nist.javax.sip.address.AddressFactoryImpl();
        bye.addHeader(headers.createRouteHeader(addresses.createAddress("<sip:192.0.2.9;lr>")));
        bye.addHeader(headers.createRouteHeader(addresses.createAddress("<sip:192.0.2.10;lr>")));
        List<String> routes = new ArrayList<>();
        for (Iterator<?> it = bye.getHeaders(RouteHeader.NAME); it.hasNext(); ) {
            routes.add(((RouteHeader) it.next()).getAddress().getURI().toString());
        }
        assertThat(routes).containsExactly("sip:192.0.2.9;lr", "sip:192.0.2.10;lr");
        // one entry per name in the header list, in the order first attached (a new message starts with its own
        // Content-Length, which the parsed one sets)
        assertThat(names(bye))
                .containsExactly("Content-Length", "Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Route");
        assertThat(bye.encode())
                .startsWith("BYE sip:bob@192.0.2.4 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5070;"
                        + "branch=z9hG4bKours,SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnashds7,");
    }

    @Test
    void aDuplicateSingleHeaderIsIgnoredAndAReplacementReplaces() throws Exception {
        SIPRequest bye = parse(BYE);
        bye.attachHeader((gov.nist.javax.sip.header.SIPHeader) headers.createCallIdHeader("other"), false, false);
        assertThat(bye.getCallId().getCallId()).isEqualTo("a84b4c76e66710");

        bye.setHeader(headers.createCallIdHeader("replaced"));
        assertThat(bye.getCallId().getCallId()).isEqualTo("replaced");
        assertThat(bye.getHeader("Call-ID").toString()).isEqualTo("Call-ID: replaced\r\n");
        assertThat(bye.encode()).contains("Call-ID: replaced\r\n").doesNotContain("a84b4c76e66710");

        bye.setHeader(headers.createMaxForwardsHeader(69));
        assertThat(bye.getMaxForwards().getMaxForwards()).isEqualTo(69);
        assertThat(names(bye)).doesNotHaveDuplicates();
    }

    @Test
    void aSecondContentLengthSetsTheLength() throws Exception {
        SIPRequest bye = parse(BYE);
        ContentLength second = new ContentLength(12);
        bye.attachHeader(second, false, false);
        assertThat(bye.getContentLength().getContentLength()).isEqualTo(12);
        assertThat(names(bye).stream().filter("Content-Length"::equals)).hasSize(1);
    }

    @Test
    void aFreshMessageGetsItsAccessorFieldsFromTheFirstHeaders() throws Exception {
        SIPRequest bye = parse(BYE);
        assertThat(bye.getFrom().getTag()).isEqualTo("1928301774");
        assertThat(bye.getTo().getTag()).isEqualTo("a6c85cf");
        assertThat(bye.getCSeq().getSeqNumber()).isEqualTo(231L);
        assertThat(bye.getMaxForwards().getMaxForwards()).isEqualTo(70);
        assertThat(bye.getContentLength().getContentLength()).isZero();
        SIPRequest copy = (SIPRequest) bye.clone();
        assertThat(copy.encode()).isEqualTo(bye.encode());
        assertThat(copy.getFrom()).isNotSameAs(bye.getFrom()).isEqualTo(bye.getFrom());
    }

    private static List<String> branches(SIPMessage m) {
        List<String> out = new ArrayList<>();
        for (Iterator<?> it = m.getHeaders(ViaHeader.NAME); it.hasNext(); )
            out.add(((ViaHeader) it.next()).getBranch());
        return out;
    }

    private static List<String> names(SIPMessage m) {
        List<String> out = new ArrayList<>();
        m.getHeaders().forEachRemaining(h -> out.add(h.getName()));
        return out;
    }

    private static SIPRequest parse(String text) throws Exception {
        return (SIPRequest)
                new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
