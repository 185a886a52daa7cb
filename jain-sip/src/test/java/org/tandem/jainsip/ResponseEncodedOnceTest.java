package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0010 (patches/0010-server-transaction-response-encoded-once.patch): a server transaction keeps the bytes its
 * channel encoded for the response it sent, instead of encoding the response a second time for retransmissions
 * (RFC 3261 §17.2.2), and a retransmitted request is answered with exactly the bytes sent the first time. On a real
 * stack over loopback, with a response that counts its encodings.
 *
 * <p>Unpatched jain-sip 1.3.0-91 encodes each response twice ({@code ./mvnw -o -pl jain-sip test
 * -Djain-sip.patches=none}: {@link #aResponseSentOverUdpIsEncodedOnceAndResentAsSent} fails on the count).
 */
class ResponseEncodedOnceTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final List<StackPeer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(StackPeer::close);
        SipFactory.getInstance().resetFactory();
    }

    /** A response that counts how often the stack encodes it. */
    static final class CountingResponse extends SIPResponse {
        final AtomicInteger encodes = new AtomicInteger();

        @Override
        public byte[] encodeAsBytes(String transport) {
            encodes.incrementAndGet();
            return super.encodeAsBytes(transport);
        }

        /** The same response as {@code made}, counting. */
        static CountingResponse of(Response made) throws Exception {
            SIPResponse original = (SIPResponse) made;
            CountingResponse counting = new CountingResponse();
            counting.setStatusLine((StatusLine) original.getStatusLine().clone());
            for (Iterator<SIPHeader> it = original.getHeaders(); it.hasNext(); ) {
                counting.attachHeader((SIPHeader) it.next().clone(), true, false);
            }
            return counting;
        }
    }

    @Test
    void aResponseSentOverUdpIsEncodedOnceAndResentAsSent() throws Exception {
        StackPeer server = new StackPeer("server", "udp");
        peers.add(server);
        AtomicReference<CountingResponse> sent = new AtomicReference<>();
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        answerCounting(server, sent, made);
        String callId = "encoded-once-" + System.nanoTime() + "@" + StackPeer.HOST;
        String options = "OPTIONS sip:server@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + StackPeer.HOST + ":%d;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:phone@" + StackPeer.HOST + ">;tag=p1\r\n"
                + "To: <sip:server@" + StackPeer.HOST + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 7 " + Request.OPTIONS + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.setSoTimeout((int) WAIT.toMillis());
            byte[] request = String.format(options, phone.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
            phone.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), server.port));
            byte[] first = receive(phone);
            await().atMost(WAIT).until(() -> sent.get() != null);

            assertThat(new String(first, StandardCharsets.US_ASCII))
                    .startsWith("SIP/2.0 200 ")
                    .contains(callId);
            assertThat(sent.get().encodes).as("encodings of the 200").hasValue(1);

            // §17.2.2: the retransmitted request is answered from the kept bytes, which are those sent first
            phone.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), server.port));
            byte[] again = receive(phone);
            assertThat(again).isEqualTo(first);
            assertThat(sent.get().encodes)
                    .as("encodings of the 200 after its retransmission")
                    .hasValue(1);
            assertThat(made.get().getState()).isEqualTo(TransactionState.COMPLETED);
        }
    }

    /** The server answers every request 200 in a server transaction, with a counting response. */
    static void answerCounting(
            StackPeer server, AtomicReference<CountingResponse> sent, AtomicReference<ServerTransaction> made) {
        server.onRequest(event -> {
            try {
                ServerTransaction st = server.provider.getNewServerTransaction(event.getRequest());
                made.set(st);
                CountingResponse ok =
                        CountingResponse.of(server.messages.createResponse(Response.OK, event.getRequest()));
                sent.set(ok);
                st.sendResponse(ok);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aResponseSentOverTcpIsEncodedOnce() throws Exception {
        StackPeer server = new StackPeer("server", "tcp");
        peers.add(server);
        StackPeer client = new StackPeer("client", "tcp");
        peers.add(client);
        AtomicReference<CountingResponse> sent = new AtomicReference<>();
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        answerCounting(server, sent, made);
        client.provider
                .getNewClientTransaction(TransactionEndParseTest.options(client, server))
                .sendRequest();

        // over TCP Timer J is 0 (RFC 3261 §17.2.2): the 200 ends the transaction
        await().atMost(WAIT).until(() -> made.get() != null && server.ended.contains(made.get()));
        assertThat(sent.get().encodes).as("encodings of the 200").hasValue(1);
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
