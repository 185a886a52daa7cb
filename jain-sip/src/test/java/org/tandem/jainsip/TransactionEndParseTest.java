package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.ClientTransactionExt;
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
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0001 (patches/0001-no-reparse-when-a-transaction-ends.patch): with {@code RELEASE_REFERENCES_STRATEGY=Normal}
 * a transaction that ends does not parse its request again, and {@code getRequest()} on an ended transaction still
 * returns it (parsing it then, when asked). On real stacks over loopback; the counting parser sees every parse.
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails each test: a server transaction's request was parsed once more when it ended
 * over TCP, twice more over UDP (Timer J's task calls {@code cleanUp()} twice), and a client transaction over UDP
 * parsed the request it had built when Timer K ended it ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=none}).
 * A non-INVITE client transaction over TCP ends before it drops its parsed request, so it never re-parsed.
 */
class TransactionEndParseTest {

    static final Duration END = Duration.ofSeconds(10);

    final List<StackPeer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(StackPeer::close);
        SipFactory.getInstance().resetFactory();
    }

    StackPeer peer(String role, String transport) throws Exception {
        StackPeer peer = new StackPeer(role, transport);
        peers.add(peer);
        return peer;
    }

    /** The server answers every request 200 in a server transaction, which it hands to {@code made}. */
    static void answer200(StackPeer server, AtomicReference<ServerTransaction> made, int retransmitTimerMs) {
        server.onRequest(event -> {
            try {
                ServerTransaction st = server.provider.getNewServerTransaction(event.getRequest());
                if (retransmitTimerMs > 0) st.setRetransmitTimer(retransmitTimerMs); // Timer J = 64 of these
                made.set(st);
                st.sendResponse(server.messages.createResponse(Response.OK, event.getRequest()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** An OPTIONS from {@code client} to {@code server} over the client's transport, with a fresh Call-ID. */
    static Request options(StackPeer client, StackPeer server) throws Exception {
        SipURI target = client.addresses.createSipURI("server", StackPeer.HOST + ":" + server.port);
        target.setTransportParam(client.transport);
        Address from = client.addresses.createAddress(client.addresses.createSipURI("client", StackPeer.HOST));
        Address to = client.addresses.createAddress(client.addresses.createSipURI("server", StackPeer.HOST));
        ViaHeader via = client.headers.createViaHeader(StackPeer.HOST, client.port, client.transport, null);
        CallIdHeader callId = client.provider.getNewCallId();
        return client.messages.createRequest(
                target,
                Request.OPTIONS,
                callId,
                client.headers.createCSeqHeader(1L, Request.OPTIONS),
                client.headers.createFromHeader(from, "f1"),
                client.headers.createToHeader(to, null),
                List.of(via),
                client.headers.createMaxForwardsHeader(70));
    }

    static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    @Test
    void aServerTransactionOverTcpParsesItsRequestOnceInItsWholeLife() throws Exception {
        StackPeer server = peer("server", "tcp");
        StackPeer client = peer("client", "tcp");
        AtomicReference<ServerTransaction> st = new AtomicReference<>();
        answer200(server, st, 0);
        Request sent = options(client, server);
        client.provider.getNewClientTransaction(sent).sendRequest();

        // over TCP Timer J is 0 (RFC 3261 §17.2.2): the 200 ends the transaction
        await().atMost(END).until(() -> st.get() != null && server.ended.contains(st.get()));
        assertThat(server.requestParses(callId(sent)))
                .as("parses of the request by the server")
                .isEqualTo(1);

        Request kept = st.get().getRequest();
        assertThat(kept.getMethod()).isEqualTo(Request.OPTIONS);
        assertThat(callId(kept)).isEqualTo(callId(sent));
        assertThat(((FromHeader) kept.getHeader(FromHeader.NAME)).getTag()).isEqualTo("f1");
        assertThat(server.requestParses(callId(sent)))
                .as("parsed again only when asked for")
                .isEqualTo(2);
    }

    @Test
    void aServerTransactionOverUdpParsesItsRequestOnceInItsWholeLife() throws Exception {
        StackPeer server = peer("server", "udp");
        AtomicReference<ServerTransaction> st = new AtomicReference<>();
        answer200(server, st, 10); // Timer J 640 ms instead of 32 s
        String callId = "udp-server-" + System.nanoTime() + "@" + StackPeer.HOST;
        // sent once from a plain socket: no client transaction, so no retransmission that the server would parse too
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String options = "OPTIONS sip:server@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + StackPeer.HOST + ":" + phone.getLocalPort() + ";branch=z9hG4bK"
                    + System.nanoTime() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:phone@" + StackPeer.HOST + ">;tag=p1\r\n"
                    + "To: <sip:server@" + StackPeer.HOST + ">\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: 7 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
            phone.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), server.port));

            await().atMost(END).until(() -> st.get() != null && server.ended.contains(st.get()));
        }
        assertThat(server.requestParses(callId))
                .as("parses of the request by the server")
                .isEqualTo(1);

        Request kept = st.get().getRequest();
        assertThat(kept.getMethod()).isEqualTo(Request.OPTIONS);
        assertThat(callId(kept)).isEqualTo(callId);
        assertThat(((FromHeader) kept.getHeader(FromHeader.NAME)).getTag()).isEqualTo("p1");
    }

    @Test
    void aClientTransactionOverUdpNeverParsesTheRequestItSent() throws Exception {
        StackPeer server = peer("server", "udp");
        StackPeer client = peer("client", "udp");
        answer200(server, new AtomicReference<>(), 10);
        Request sent = options(client, server);
        ClientTransactionExt ct = (ClientTransactionExt) client.provider.getNewClientTransaction(sent);
        ct.setTimerT4(500); // Timer K (T4 for UDP, RFC 3261 §17.1.2.2): one 500 ms tick instead of 5 s
        ct.sendRequest();

        await().atMost(END).until(() -> client.ended.contains(ct));
        assertThat(client.requestParses(callId(sent)))
                .as("parses of its own request by the client")
                .isZero();

        Request kept = ct.getRequest();
        assertThat(kept.getMethod()).isEqualTo(Request.OPTIONS);
        assertThat(callId(kept)).isEqualTo(callId(sent));
        assertThat(((FromHeader) kept.getHeader(FromHeader.NAME)).getTag()).isEqualTo("f1");
    }
}
