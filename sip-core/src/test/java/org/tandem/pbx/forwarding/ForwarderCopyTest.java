package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.testsupport.OfflineSipTransports;

/** RFC 3261 §16.6 steps 1–3: the copy a request is forwarded as, and the ACK forwarded as it came (issue 23). */
class ForwarderCopyTest {

    final OfflineSipTransports transports = new OfflineSipTransports();
    final LocalAddresses local = new LocalAddresses("203.0.113.10", transports.properties(), "127.0.0.1");
    final Forwarder forwarder =
            new Forwarder(transports, null, new RouteSet(transports, local), new BranchIds(local), null, null);

    private Request ack(String maxForwards) {
        return transports.parse(
                "ACK sip:341@192.168.1.100:5090 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-a\n"
                        + "From: <sip:303@203.0.113.10>;tag=c1\nTo: <sip:341@203.0.113.10>;tag=a1\nCall-ID: ack-1\n"
                        + "CSeq: 2 ACK\n" + maxForwards + "Content-Length: 0\n\n");
    }

    @Test
    void aCopyLeavesTheReceivedRequestAsItWas() {
        Request received = ack("Max-Forwards: 70\n");
        Request copy = forwarder.copy(received, null);
        forwarder.addVia(copy, "udp", "z9hG4bK-tdm-x.1");
        assertThat(copy.getHeader(CallIdHeader.NAME)).isSameAs(received.getHeader(CallIdHeader.NAME));

        assertThat(copy).isNotSameAs(received);
        assertThat(((MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(69);
        assertThat(((MaxForwardsHeader) received.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(70);
        assertThat(((ViaHeader) received.getHeader(ViaHeader.NAME)).getBranch()).isEqualTo("z9hG4bK-a");
    }

    @Test
    void anAckIsForwardedInPlaceWithTheSameStepsAsACopy() {
        Request received = ack("Max-Forwards: 70\n");
        Request forwarded = forwarder.forwardInPlace(received);

        assertThat(forwarded).isSameAs(received);
        assertThat(forwarded.toString())
                .isEqualTo(forwarder.copy(ack("Max-Forwards: 70\n"), null).toString());
        assertThat(((MaxForwardsHeader) forwarded.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(69);

        Request without = forwarder.forwardInPlace(ack(""));
        assertThat(((MaxForwardsHeader) without.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(Forwarder.DEFAULT_MAX_FORWARDS);
    }

    /**
     * §16.6 steps 1–8 on a copy that shares the headers forwarding never changes (jain-sip patch 0019): the received
     * INVITE, which its server transaction keeps for our own answers, stays as it was.
     */
    @Test
    void aForwardedInviteLeavesTheReceivedOneAsItWas() throws Exception {
        Request received = transports.parse("INVITE sip:341@203.0.113.10 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-b;rport=5090;received=198.51.100.7\n"
                + "Route: <sip:203.0.113.10;lr>\nMax-Forwards: 70\n"
                + "From: \"Ann\" <sip:303@203.0.113.10>;tag=c1\nTo: <sip:341@203.0.113.10>\nCall-ID: fwd-1\n"
                + "CSeq: 2 INVITE\nContact: <sip:303@10.0.0.2:5090>\n"
                + "Proxy-Authorization: Digest username=\"303\", realm=\"203.0.113.10\", nonce=\"n\", "
                + "uri=\"sip:341@203.0.113.10\", response=\"0123456789abcdef0123456789abcdef\"\n"
                + "Supported: replaces, timer\nContent-Type: application/sdp\nContent-Length: 10\n\nv=0\r\ns=-\r\n");
        String before = received.toString();
        Request copy = forwarder.copy(received, transports.addressFactory().createURI("sip:341@192.168.1.100:5090"));

        assertThat(copy.getHeader(CallIdHeader.NAME)).isSameAs(received.getHeader(CallIdHeader.NAME));
        assertThat(copy.getHeader(ProxyAuthorizationHeader.NAME))
                .isSameAs(received.getHeader(ProxyAuthorizationHeader.NAME));
        assertThat(copy.getHeader(FromHeader.NAME)).isNotSameAs(received.getHeader(FromHeader.NAME));

        forwarder.addVia(copy, "udp", "z9hG4bK-tdm-y.1"); // step 8
        copy.removeFirst(RouteHeader.NAME); // step 6: our own Route
        Address us = transports.addressFactory().createAddress("<sip:203.0.113.10;lr>");
        copy.addFirst(transports.headerFactory().createRecordRouteHeader(us)); // step 4
        ((FromHeader) copy.getHeader(FromHeader.NAME)).getAddress().setDisplayName("Sales: Ann"); // a ring group
        ((SipURI) ((ContactHeader) copy.getHeader(ContactHeader.NAME))
                        .getAddress()
                        .getURI())
                .setHost("203.0.113.10");
        copy.setContent("v=0\r\ns=anchored\r\n", (ContentTypeHeader) copy.getHeader(ContentTypeHeader.NAME));
        copy.removeHeader(ProxyAuthorizationHeader.NAME); // §22.3: our credentials are not passed on

        assertThat(received.toString()).isEqualTo(before);
        assertThat(copy.toString())
                .startsWith("INVITE sip:341@192.168.1.100:5090 SIP/2.0")
                .contains("Max-Forwards: 69", "Sales: Ann", "s=anchored", "z9hG4bK-tdm-y.1")
                .doesNotContain("Proxy-Authorization");
    }

    private Response ok() {
        String text =
                "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-tdm-x.1;received=203.0.113.10\n"
                        + "Via: SIP/2.0/UDP 10.0.0.2:5090;branch=z9hG4bK-a;rport=5090;received=198.51.100.7\n"
                        + "Record-Route: <sip:203.0.113.10;lr;tdm-flow=abc>\nFrom: <sip:303@203.0.113.10>;tag=c1\n"
                        + "To: <sip:341@203.0.113.10>;tag=a1\nCall-ID: up-1\nCSeq: 1 INVITE\n"
                        + "Contact: <sip:341@192.168.1.100:5090>\nContent-Type: application/sdp\nContent-Length: 10\n\n"
                        + "v=0\r\ns=-\r\n";
        try {
            return transports
                    .messageFactory()
                    .createResponse(text.replace("\n", "\r\n").replace("\r\r\n", "\r\n"));
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * §16.7 step 3: the upstream copy shares the headers nothing changes (jain-sip patch 0019) and everything the
     * forwarding path and jain-sip's server transaction do change in it leaves the received response — which stays
     * with the client transaction — as it was.
     */
    @Test
    void anUpstreamCopyLeavesTheReceivedResponseAsItWas() throws Exception {
        Response received = ok();
        String before = received.toString();
        Response up = forwarder.upstreamCopy(received);

        Response deepCopy = (Response) received.clone(); // what the copy was before: every header cloned
        deepCopy.removeFirst(ViaHeader.NAME);
        assertThat(up.toString()).isEqualTo(deepCopy.toString()).doesNotContain("z9hG4bK-tdm-x.1");
        assertThat(up.getHeader(CallIdHeader.NAME)).isSameAs(received.getHeader(CallIdHeader.NAME));
        assertThat(up.getHeader(RecordRouteHeader.NAME)).isSameAs(received.getHeader(RecordRouteHeader.NAME));
        assertThat(up.getRawContent()).isSameAs(received.getRawContent());

        // what ContactMasks, the anchor, a synthesised To tag and jain-sip's sendResponse (branch, From tag) do
        ((SipURI) ((ContactHeader) up.getHeader(ContactHeader.NAME))
                        .getAddress()
                        .getURI())
                .setHost("203.0.113.10");
        up.setContent("v=0\r\ns=anchored\r\n", (ContentTypeHeader) up.getHeader(ContentTypeHeader.NAME));
        ((ToHeader) up.getHeader(ToHeader.NAME)).setTag("a2");
        ((FromHeader) up.getHeader(FromHeader.NAME)).setTag("c1");
        ((ViaHeader) up.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-a");
        up.setStatusCode(Response.SERVER_INTERNAL_ERROR);

        assertThat(received.toString()).isEqualTo(before);
        assertThat(up.toString()).contains("s=anchored", "tag=a2", "500");
        assertThat(forwarder.upstreamCopy(up))
                .as("a response whose top Via is not ours")
                .isNull();
    }
}
