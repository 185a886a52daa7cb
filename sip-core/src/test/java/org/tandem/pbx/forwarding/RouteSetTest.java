package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipTransports;

/** RFC 3261 §16.4 route information preprocessing. */
class RouteSetTest {

    final SipProperties props = new SipProperties("127.0.0.1", "", 5070, 0, null, null, 0, 0, 0, null, null);
    final RouteSet routes =
            new RouteSet(new SipTransports(props, null, null), new LocalAddresses("tandem.test", props, "127.0.0.1"));

    static Request request(String requestUri, String... routeHeaders) throws Exception {
        StringBuilder sb = new StringBuilder("BYE " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:100@tandem.test>;tag=a\r\nTo: <sip:101@tandem.test>;tag=b\r\n"
                + "Call-ID: c1\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\n");
        for (String r : routeHeaders) sb.append("Route: ").append(r).append("\r\n");
        sb.append("Content-Length: 0\r\n\r\n");
        return BestResponseTest.MESSAGES.createRequest(sb.toString());
    }

    static List<String> routes(Request r) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(RouteHeader.NAME);
        while (it.hasNext())
            out.add(((RouteHeader) it.next()).getAddress().getURI().toString());
        return out;
    }

    @Test
    void ourTopRouteIsRemovedAndBothHalvesOfADoubleRecordRoute() throws Exception {
        Request r = request(
                "sip:101@10.0.0.9:5062",
                "<sip:127.0.0.1:5070;transport=tcp;lr>",
                "<sip:127.0.0.1:5070;transport=udp;lr>",
                "<sip:proxy.example.com;lr>");

        assertThat(routes.preprocess(r)).hasSize(2);
        assertThat(routes(r)).containsExactly("sip:proxy.example.com;lr");
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:101@10.0.0.9:5062");
    }

    @Test
    void aRouteOfSomeoneElseStays() throws Exception {
        Request r = request("sip:101@10.0.0.9:5062", "<sip:proxy.example.com;lr>");

        assertThat(routes.preprocess(r)).isEmpty();
        assertThat(routes(r)).containsExactly("sip:proxy.example.com;lr");
    }

    @Test
    void aStrictRouterBeforeUsIsUndone() throws Exception {
        // a strict router put our Record-Route into the Request-URI and the remote target last in Route
        Request r =
                request("sip:127.0.0.1:5070;transport=udp;lr", "<sip:proxy.example.com;lr>", "<sip:101@10.0.0.9:5062>");

        assertThat(routes.preprocess(r)).hasSize(1);
        assertThat(r.getRequestURI().toString()).isEqualTo("sip:101@10.0.0.9:5062");
        assertThat(routes(r)).containsExactly("sip:proxy.example.com;lr");
    }

    /**
     * Issue 20, an appliance behind an office router that forwards SIP: a phone outside reaches us by the router's
     * public address, a LAN phone by ours. A call between them gets a double Record-Route (RFC 5658 §3.4) whose
     * entry facing each side names the host that side reaches; both halves are ours when requests come back.
     */
    @Test
    void eachSideOfTheDialogSeesTheHostItReachesUsBy() throws Exception {
        org.tandem.pbx.config.ExternalAddress external = new org.tandem.pbx.config.ExternalAddress("198.51.100.50");
        org.tandem.pbx.sip.AdvertisedHosts hosts =
                new org.tandem.pbx.sip.AdvertisedHosts("127.0.0.1", external, peer -> peer.startsWith("203.0.113."));
        org.tandem.pbx.testsupport.OfflineSipTransports offline = new org.tandem.pbx.testsupport.OfflineSipTransports();
        RouteSet facing = new RouteSet(
                offline,
                new LocalAddresses("tandem.test", offline.properties(), "127.0.0.1").withExternal(external::host),
                hosts::hostFor);
        Request invite = request("sip:101@10.0.0.9:5062");

        facing.recordRoute(invite, "udp", "udp", "203.0.113.20", "10.0.0.9", "caller-flow", "callee-flow");
        List<String> rr = new ArrayList<>();
        invite.getHeaders(javax.sip.header.RecordRouteHeader.NAME)
                .forEachRemaining(h -> rr.add(((javax.sip.header.RecordRouteHeader) h)
                        .getAddress()
                        .getURI()
                        .toString()));
        assertThat(rr).hasSize(2);
        assertThat(rr.get(0))
                .as("facing the LAN callee")
                .startsWith("sip:127.0.0.1:5060")
                .contains("callee-flow");
        assertThat(rr.get(1))
                .as("facing the caller outside")
                .startsWith("sip:198.51.100.50:5060")
                .contains("caller-flow");

        Request back = request("sip:100@203.0.113.20:5060", "<" + rr.get(0) + ">", "<" + rr.get(1) + ">");
        assertThat(facing.preprocess(back))
                .as("both entries are recognised as ours")
                .hasSize(2);

        Request lan = request("sip:101@10.0.0.9:5062");
        facing.recordRoute(lan, "udp", "udp", "10.0.0.7", "10.0.0.9", "f", null);
        assertThat(lan.getHeaders(javax.sip.header.RecordRouteHeader.NAME).hasNext())
                .isTrue();
        assertThat(((javax.sip.header.RecordRouteHeader) lan.getHeader(javax.sip.header.RecordRouteHeader.NAME))
                        .getAddress()
                        .getURI()
                        .toString())
                .startsWith("sip:127.0.0.1:5060");
        lan.removeFirst(javax.sip.header.RecordRouteHeader.NAME);
        assertThat(lan.getHeader(javax.sip.header.RecordRouteHeader.NAME))
                .as("one entry between LAN phones")
                .isNull();
    }
}
