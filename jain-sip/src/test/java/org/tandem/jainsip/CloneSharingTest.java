package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.Iterator;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

/**
 * Patch 0019 (patches/0019-clone-sharing-unchanged-headers.patch): {@code SIPMessage.cloneSharing} copies a message as
 * {@code clone()} does except for the named headers and the body's bytes, which it shares; what a proxy changes in its
 * copy leaves the original as it was. Without the patch this test does not compile (the method is the patch's).
 */
class CloneSharingTest {

    static final Set<String> SHARED = Set.of("call-id", "cseq", "record-route", "content-type", "server", "require");

    static SIPMessage corpus(String name) throws Exception {
        return ParsedMessagesTest.parse(ParsedMessagesTest.resource(name));
    }

    @Test
    void aSharingCopyOfA200EncodesAsItsCloneAndSharesOnlyTheNamedHeaders() throws Exception {
        SIPResponse ok = (SIPResponse) corpus("04-200-sdp.sip");
        SIPResponse copy = (SIPResponse) ok.cloneSharing(SHARED);
        assertThat(copy.encode()).isEqualTo(((SIPMessage) ok.clone()).encode()).isEqualTo(ok.encode());
        assertThat(copy.getStatusLine()).isNotSameAs(ok.getStatusLine());
        assertThat(copy.getRawContent()).isSameAs(ok.getRawContent());
        int shared = 0;
        for (Iterator<SIPHeader> it = ok.getHeaders(); it.hasNext(); ) {
            SIPHeader h = it.next();
            SIPHeader c = (SIPHeader) copy.getHeader(h.getName());
            boolean named = SHARED.contains(h.getName().toLowerCase());
            if (h instanceof gov.nist.javax.sip.header.SIPHeaderList<?> list) {
                // a list's first element stands for the list in getHeader
                assertThat(c == list.getFirst()).as(h.getName()).isEqualTo(named);
            } else {
                assertThat(c == h).as(h.getName()).isEqualTo(named);
            }
            if (named) shared++;
        }
        assertThat(shared).as("headers of the corpus 200 named in SHARED").isEqualTo(6);
    }

    @Test
    void whatAProxyChangesInItsUpstreamCopyLeavesTheResponseAsItWas() throws Exception {
        SIPResponse ok = (SIPResponse) corpus("04-200-sdp.sip");
        String before = ok.encode();
        SIPResponse copy = (SIPResponse) ok.cloneSharing(SHARED);
        copy.removeFirst(ViaHeader.NAME); // RFC 3261 §16.7 step 3
        ((ViaHeader) copy.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-changed");
        ((ToHeader) copy.getHeader(ToHeader.NAME)).setTag("changed");
        ((SipURI) ((ContactHeader) copy.getHeader(ContactHeader.NAME))
                        .getAddress()
                        .getURI())
                .setHost("192.0.2.9");
        copy.setStatusCode(500);
        copy.setContent("v=0\r\n", (ContentTypeHeader) copy.getHeader(ContentTypeHeader.NAME));
        assertThat(ok.encode()).isEqualTo(before);
        assertThat(copy.encode())
                .contains("SIP/2.0 500", "Content-Length: 5", "z9hG4bK-changed")
                .doesNotContain("z9hG4bK3f2a.1"); // our Via, removed
    }

    @Test
    void whatAProxyChangesInARequestCopyLeavesTheRequestAsItWas() throws Exception {
        SIPRequest invite = (SIPRequest) corpus("01-invite-sdp.sip");
        String before = invite.encode();
        SIPRequest copy = (SIPRequest) invite.cloneSharing(Set.of("call-id", "cseq", "content-type"));
        assertThat(copy.encode()).isEqualTo(before);
        assertThat(copy.getRequestLine()).isNotSameAs(invite.getRequestLine());
        copy.setRequestURI(copy.getRequestURI().isSipURI() ? changedUri(copy) : copy.getRequestURI());
        MaxForwardsHeader mf = (MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME);
        mf.setMaxForwards(mf.getMaxForwards() - 1); // §16.6 step 3
        copy.addFirst(((ViaHeader) copy.getHeader(ViaHeader.NAME)));
        assertThat(invite.encode()).isEqualTo(before);
        assertThat(copy.encode()).isNotEqualTo(before);
    }

    @Test
    void aSharingCopyCostsLessThanAClone() throws Exception {
        SIPResponse ok = (SIPResponse) corpus("04-200-sdp.sip");
        long clone = HeaderParserLookupTest.bytesPerCall(ok::clone);
        long sharing = HeaderParserLookupTest.bytesPerCall(() -> ok.cloneSharing(SHARED));
        assertThat(sharing)
                .as("bytes of a sharing copy, against %d of a clone", clone)
                .isLessThan(clone * 3 / 4);
    }

    static javax.sip.address.URI changedUri(SIPRequest request) throws Exception {
        SipURI uri = (SipURI) request.getRequestURI().clone();
        uri.setHost("192.0.2.10");
        return uri;
    }
}
