package org.tandem.pbx.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.stack.HopImpl;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.address.Hop;
import javax.sip.header.RecordRouteHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.testsupport.OfflineSipTransports;

/**
 * Issue 20: in-dialog requests reach each party through its flow (RFC 5626 §5.3), told apart by the From tag.
 * Caller C on the LAN calls phone A behind a NAT; A answers with a dialog Contact that is private and not the
 * Contact it registered.
 */
class FlowDirectionTest {

    private static final String CALL = "call-nat-1";
    private static final String CALLER_TAG = "caller-tag";
    private static final String CALLEE_TAG = "callee-tag";
    private static final Hop PHONE_A = new HopImpl("203.0.113.21", 40001, "TCP");

    @TempDir
    Path data;

    final OfflineSipTransports transports = new OfflineSipTransports();
    final LocalAddresses local = new LocalAddresses("203.0.113.10", transports.properties(), "127.0.0.1");
    final RouteSet routes = new RouteSet(transports, local);
    final InboundRequest inviteFromC = inbound("10.0.0.2", 5090, "tcp");

    /** The Record-Route the INVITE to A carried, as the route set both parties then use. */
    private String recordRoute(FlowTokens flows, String callerTransport, String calleeTransport, boolean calleeFlow) {
        Request invite = transports.parse("INVITE sip:341@192.168.1.100:5090;transport=tcp SIP/2.0\n"
                + "Via: SIP/2.0/TCP 10.0.0.2:5090;branch=z9hG4bK-1\nFrom: <sip:303@203.0.113.10>;tag=" + CALLER_TAG
                + "\nTo: <sip:341@203.0.113.10>\nCall-ID: " + CALL + "\nCSeq: 2 INVITE\nMax-Forwards: 70\n"
                + "Content-Length: 0\n\n");
        routes.recordRoute(
                invite,
                callerTransport,
                calleeTransport,
                flows.encode(inviteFromC, CALL),
                calleeFlow ? flows.encode(PHONE_A, CALL) : null);
        StringBuilder set = new StringBuilder();
        var it = invite.getHeaders(RecordRouteHeader.NAME);
        while (it.hasNext())
            set.append("Route: ")
                    .append(((RecordRouteHeader) it.next()).getAddress())
                    .append('\n');
        return set.toString();
    }

    private Request inDialog(String fromTag, String toTag, String requestUri, String routeSet) {
        return transports.parse("BYE " + requestUri + " SIP/2.0\nVia: SIP/2.0/TCP 10.0.0.2:5090;branch=z9hG4bK-2\n"
                + "From: <sip:x@203.0.113.10>;tag=" + fromTag + "\nTo: <sip:y@203.0.113.10>;tag=" + toTag
                + "\nCall-ID: " + CALL + "\nCSeq: 3 BYE\nMax-Forwards: 70\n" + routeSet + "Content-Length: 0\n\n");
    }

    private Hop hopFor(FlowTokens flows, Request request, InboundRequest inbound, LocationService locations)
            throws Exception {
        Forwarder forwarder = new Forwarder(transports, null, routes, null, locations, flows);
        List<javax.sip.address.SipURI> popped = routes.preprocess(request);
        assertThat(flows.vouchesFor(popped, CALL)).isTrue();
        return flows.hopFor(popped, request, inbound, CALL, forwarder);
    }

    @Test
    void theCallersByeGoesToTheCalleesFlowNotToItsPrivateContact() throws Exception {
        FlowTokens flows = FlowTokens.withKeyFile(data.resolve("route.key"));
        Request bye = inDialog(
                CALLER_TAG,
                CALLEE_TAG,
                "sip:341-line1@192.168.1.100:5090;transport=tcp",
                recordRoute(flows, "tcp", "tcp", true));

        Hop hop = hopFor(flows, bye, inviteFromC, nothingRegistered());

        assertThat(hop.getHost()).isEqualTo("203.0.113.21");
        assertThat(hop.getPort()).isEqualTo(40001);
        assertThat(hop.getTransport()).isEqualToIgnoringCase("tcp");
    }

    @Test
    void theCalleesByeGoesToTheCallersFlowEvenOnANewConnectionOfTheCaller() throws Exception {
        FlowTokens flows = FlowTokens.withKeyFile(data.resolve("route.key"));
        String routeSet = recordRoute(flows, "udp", "tcp", true); // RFC 5658 double Record-Route
        Request bye = inDialog(CALLEE_TAG, CALLER_TAG, "sip:303@10.0.0.2:5090", routeSet);

        Hop hop = hopFor(flows, bye, inbound("203.0.113.21", 40777, "tcp"), nothingRegistered());

        assertThat(hop.getHost()).isEqualTo("10.0.0.2");
        assertThat(hop.getPort()).isEqualTo(5090);

        // and the caller's own request, arriving from a port the INVITE did not use, still goes to A
        Request fromCaller = inDialog(CALLER_TAG, CALLEE_TAG, "sip:341-line1@192.168.1.100:5090", routeSet);
        assertThat(hopFor(flows, fromCaller, inbound("10.0.0.2", 43111, "tcp"), nothingRegistered())
                        .getHost())
                .isEqualTo("203.0.113.21");
    }

    @Test
    void withoutACalleeFlowTheCallersRequestFollowsTheRegisteredContact() throws Exception {
        FlowTokens flows = FlowTokens.withKeyFile(data.resolve("route.key"));
        Request bye = inDialog(
                CALLER_TAG,
                CALLEE_TAG,
                "sip:341@192.168.1.100:5090;transport=tcp",
                recordRoute(flows, "tcp", "tcp", false));
        Binding a = new Binding(
                "341",
                "sip:341@192.168.1.100:5090;transport=tcp",
                "reg",
                1,
                Instant.MAX,
                1000,
                "203.0.113.21",
                40001,
                "tcp",
                "phone",
                null,
                0,
                Instant.now());

        Hop hop = hopFor(flows, bye, inviteFromC, new LocationService() {
            public List<Binding> lookup(String extension) {
                return List.of();
            }

            public Optional<Binding> findByContact(String contact) {
                return contact.equals(a.contactUri()) ? Optional.of(a) : Optional.empty();
            }

            public List<Binding> all() {
                return List.of(a);
            }
        });

        assertThat(hop.getPort()).isEqualTo(40001);
    }

    private static InboundRequest inbound(String address, int port, String transport) {
        return new InboundRequest(new RequestEvent(new Object(), null, null, null), null, address, port, transport);
    }

    private static LocationService nothingRegistered() {
        return new LocationService() {
            public List<Binding> lookup(String extension) {
                return List.of();
            }

            public Optional<Binding> findByContact(String contact) {
                return Optional.empty();
            }

            public List<Binding> all() {
                return List.of();
            }
        };
    }
}
