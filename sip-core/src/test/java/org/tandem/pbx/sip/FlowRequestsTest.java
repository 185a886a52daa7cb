package org.tandem.pbx.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * The one sender of the requests Tandem originates along a phone's flow, against a real JAIN-SIP stack and a phone
 * that is a UDP socket: the request goes to the flow's address, not to its Request-URI, and only the final status
 * comes back.
 */
class FlowRequestsTest {

    private static final String HOST = "127.0.0.1";
    private static SipTransports transports;
    private static FlowRequests requests;

    @BeforeAll
    static void start() {
        SipProperties props = new SipProperties(
                HOST,
                HOST,
                FreePorts.udpAndTcp(),
                0,
                null,
                null,
                0,
                0,
                0,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        transports = new SipTransports(props, new ToTransactionListeners(), null);
        transports.start();
        requests = new FlowRequests(transports);
    }

    @AfterAll
    static void stop() {
        if (transports != null) transports.stop();
    }

    @Test
    void aRequestFromThisServerCarriesAViaWithRportAndMaxForwards70() throws Exception {
        Request options = requests.create(
                addresses().createURI("sip:201@192.0.2.7:5062"),
                Request.OPTIONS,
                transports.provider().getNewCallId(),
                1L,
                from(),
                to(),
                "udp");

        ViaHeader via = (ViaHeader) options.getHeader(ViaHeader.NAME);
        assertThat(via.getHost()).isEqualTo(HOST);
        assertThat(via.getPort()).isEqualTo(transports.port("udp"));
        assertThat(via.getTransport()).isEqualToIgnoringCase("udp");
        assertThat(via.toString()).contains(";rport");
        assertThat(((MaxForwardsHeader) options.getHeader(MaxForwardsHeader.NAME)).getMaxForwards())
                .isEqualTo(70);
        assertThat(options.getRequestURI()).hasToString("sip:201@192.0.2.7:5062");
    }

    @Test
    void theContactNamesThisServersAddressPortAndTransport() throws Exception {
        ContactHeader contact = requests.contact("301", "udp");

        assertThat(contact.getAddress().getURI())
                .hasToString("sip:301@" + HOST + ":" + transports.port("udp") + ";transport=udp");
    }

    @Test
    void goesToTheFlowNotTheRequestUriAndReportsOnlyTheFinalStatus() throws Exception {
        try (UdpSipPeer phone = new UdpSipPeer(transports.port("udp"))) {
            // the Contact a phone behind NAT registered: private, unreachable from here (RFC 5737 documentation range)
            Request notify = requests.create(
                    addresses().createURI("sip:202@192.0.2.9:5060"),
                    Request.NOTIFY,
                    transports.provider().getNewCallId(),
                    1L,
                    from(),
                    to(),
                    "udp");
            notify.addHeader(headers().createEventHeader("check-sync"));
            notify.addHeader(headers().createSubscriptionStateHeader("terminated"));
            List<Integer> statuses = new CopyOnWriteArrayList<>();

            requests.send(notify, HOST, phone.localPort(), "udp", statuses::add);

            SipText received = phone.receive(Duration.ofSeconds(10)).orElseThrow();
            assertThat(received.startLine()).isEqualTo("NOTIFY sip:202@192.0.2.9:5060 SIP/2.0");
            phone.send(answer(received, "180 Ringing"));
            phone.send(answer(received, "486 Busy Here"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !statuses.isEmpty());
            assertThat(statuses).containsExactly(486);
        }
    }

    @Test
    void withoutAHopItGoesWhereTheRequestUriSays() throws Exception {
        try (UdpSipPeer phone = new UdpSipPeer(transports.port("udp"))) {
            Request options = requests.create(
                    addresses().createURI("sip:203@" + HOST + ":" + phone.localPort()),
                    Request.OPTIONS,
                    transports.provider().getNewCallId(),
                    1L,
                    from(),
                    to(),
                    "udp");
            List<Integer> statuses = new CopyOnWriteArrayList<>();

            requests.send(options, null, statuses::add);

            SipText received = phone.receive(Duration.ofSeconds(10)).orElseThrow();
            assertThat(received.startLine()).startsWith("OPTIONS sip:203@");
            phone.send(answer(received, "200 OK"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !statuses.isEmpty());
            assertThat(statuses).containsExactly(200);
        }
    }

    private static String answer(SipText request, String status) {
        String copied = request.raw()
                .lines()
                .filter(l -> l.matches("(?i)(Via|From|To|Call-ID|CSeq):.*"))
                .collect(Collectors.joining("\r\n"));
        return "SIP/2.0 " + status + "\r\n" + copied + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static FromHeader from() throws Exception {
        return headers().createFromHeader(addresses().createAddress("sip:pbx.test"), "f1");
    }

    private static ToHeader to() throws Exception {
        return headers().createToHeader(addresses().createAddress("sip:202@pbx.test"), null);
    }

    private static AddressFactory addresses() {
        return transports.addressFactory();
    }

    private static HeaderFactory headers() {
        return transports.headerFactory();
    }

    /** What {@link SipDispatcher} does for responses and timeouts, without its stripes. */
    private static final class ToTransactionListeners implements SipListener {
        @Override
        public void processResponse(ResponseEvent e) {
            ClientTransaction ct = e.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof ClientTransactionListener l) l.onResponse(e);
        }

        @Override
        public void processTimeout(TimeoutEvent e) {
            ClientTransaction ct = e.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof ClientTransactionListener l) l.onTimeout(e);
        }

        @Override
        public void processRequest(RequestEvent e) {}

        @Override
        public void processIOException(IOExceptionEvent e) {}

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent e) {}

        @Override
        public void processDialogTerminated(DialogTerminatedEvent e) {}
    }
}
