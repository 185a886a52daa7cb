package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.KeptRequestBytes;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0018 (patches/0018-server-transaction-keeps-the-request-as-received.patch): a server transaction whose
 * request came in a UDP datagram keeps that datagram's bytes when it lets the parsed request go, instead of
 * encoding the request again, and {@code getRequest()} afterwards gives the request with the received and rport
 * parameters the stack had given its top Via (RFC 3261 §18.2.1, RFC 3581 §4).
 *
 * <p>Unpatched jain-sip (and 0001–0017 alone) fails {@link #anEndedTransactionKeepsTheDatagramItCameIn}: it keeps a
 * new encoding of the request ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=none} does not compile this
 * test: {@code SIPMessage.getReceivedBytes} is the patch's).
 */
class ReceivedBytesKeptTest {

    static final Duration END = Duration.ofSeconds(10);

    final List<StackPeer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(StackPeer::close);
        SipFactory.getInstance().resetFactory();
    }

    /** An OPTIONS as a phone might write it: compact and odd-case names, odd spacing, a sent-by we cannot reach. */
    static String options(int serverPort, String callId) {
        return "OPTIONS sip:server@" + StackPeer.HOST + ":" + serverPort + " SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 192.0.2.7:5099;rport;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "MAX-FORWARDS:   70\r\n"
                + "f: <sip:phone@192.0.2.7>;tag=p1\r\n"
                + "t: <sip:server@" + StackPeer.HOST + ">\r\n"
                + "i: " + callId + "\r\n"
                + "CSeq: 7 OPTIONS\r\n"
                + "X-Phone-Quirk:  kept  as  sent\r\n"
                + "l: 0\r\n\r\n";
    }

    @Test
    void anEndedTransactionKeepsTheDatagramItCameIn() throws Exception {
        StackPeer server = new StackPeer("server", "udp");
        peers.add(server);
        AtomicReference<ServerTransaction> st = new AtomicReference<>();
        AtomicReference<byte[]> arrived = new AtomicReference<>();
        server.onRequest(event -> {
            try {
                arrived.set(((SIPRequest) event.getRequest()).getReceivedBytes());
                ServerTransaction t = server.provider.getNewServerTransaction(event.getRequest());
                t.setRetransmitTimer(10); // Timer J = 64 × 10 ms
                st.set(t);
                t.sendResponse(server.messages.createResponse(Response.OK, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String callId = "kept-" + System.nanoTime() + "@" + StackPeer.HOST;
        byte[] datagram = options(server.port, callId).getBytes(StandardCharsets.US_ASCII);
        int phonePort;
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phonePort = phone.getLocalPort();
            phone.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), server.port));
            await().atMost(END).until(() -> st.get() != null && server.ended.contains(st.get()));
        }

        assertThat(arrived.get()).as("the parsed request's received bytes").isEqualTo(datagram);
        assertThat(KeptRequestBytes.of(st.get()))
                .as("what the ended transaction keeps: the datagram itself, not an encoding")
                .isSameAs(arrived.get());
        assertThat(server.requestParses(callId)).as("parses of the request").isEqualTo(1);

        Request kept = st.get().getRequest();
        assertThat(((CallIdHeader) kept.getHeader(CallIdHeader.NAME)).getCallId())
                .isEqualTo(callId);
        assertThat(((FromHeader) kept.getHeader(FromHeader.NAME)).getTag()).isEqualTo("p1");
        assertThat(kept.getHeader("X-Phone-Quirk").toString()).contains("kept  as  sent");
        Via top = ((SIPRequest) kept).getTopmostVia();
        assertThat(top.getReceived()).as("received, given on arrival").isEqualTo(StackPeer.HOST);
        assertThat(top.getRPort()).as("rport, given on arrival").isEqualTo(phonePort);
        assertThat(top.getHost()).isEqualTo("192.0.2.7");
    }

    @Test
    void aCopyOrABuiltRequestHasNoReceivedBytes() throws Exception {
        StackPeer server = new StackPeer("server", "udp");
        peers.add(server);
        AtomicReference<SIPRequest> received = new AtomicReference<>();
        server.onRequest(event -> received.set((SIPRequest) event.getRequest()));
        byte[] datagram = options(server.port, "copy-" + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), server.port));
            await().atMost(END).until(() -> received.get() != null);
        }
        assertThat(received.get().getReceivedBytes()).isEqualTo(datagram);
        assertThat(((SIPRequest) received.get().clone()).getReceivedBytes())
                .as("a clone")
                .isNull();
        assertThat(new SIPRequest().getReceivedBytes()).as("a built request").isNull();
    }
}
