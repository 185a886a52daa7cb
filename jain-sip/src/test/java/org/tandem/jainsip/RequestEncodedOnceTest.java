package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.SipFactory;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0006 (patches/0006-client-transaction-request-encoded-once.patch): with {@code RELEASE_REFERENCES_STRATEGY=Normal}
 * a client transaction keeps the bytes its channel encoded for the request it sent, instead of encoding the request
 * a second time when it ends (to keep it as bytes for {@code getRequest()}), and {@code getRequest()} on the ended
 * transaction still gives the request as sent. On real stacks over loopback, with a request that counts its encodings.
 *
 * <p>Unpatched jain-sip 1.3.0-91 encodes the request twice over UDP and over TCP ({@code ./mvnw -o -pl jain-sip test
 * -Djain-sip.patches=none}).
 */
class RequestEncodedOnceTest {

    static final Duration WAIT = Duration.ofSeconds(10);

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

    /** A request that counts how often the stack encodes it. */
    static final class CountingRequest extends SIPRequest {
        final AtomicInteger encodes = new AtomicInteger();

        @Override
        public byte[] encodeAsBytes(String transport) {
            encodes.incrementAndGet();
            return super.encodeAsBytes(transport);
        }

        /** The same request as {@code made}, counting. */
        static CountingRequest of(Request made) throws Exception {
            SIPRequest original = (SIPRequest) made;
            CountingRequest counting = new CountingRequest();
            counting.setRequestLine((RequestLine) original.getRequestLine().clone());
            for (Iterator<SIPHeader> it = original.getHeaders(); it.hasNext(); ) {
                counting.attachHeader((SIPHeader) it.next().clone(), true, false);
            }
            return counting;
        }
    }

    @Test
    void aRequestSentOverUdpIsEncodedOnceInTheTransactionsWholeLife() throws Exception {
        StackPeer server = peer("server", "udp");
        StackPeer client = peer("client", "udp");
        TransactionEndParseTest.answer200(server, new AtomicReference<>(), 10);
        CountingRequest sent = CountingRequest.of(TransactionEndParseTest.options(client, server));
        ClientTransactionExt ct = (ClientTransactionExt) client.provider.getNewClientTransaction(sent);
        ct.setTimerT4(500); // Timer K (T4 for UDP, RFC 3261 §17.1.2.2): one 500 ms tick instead of 5 s
        ct.sendRequest();

        await().atMost(WAIT).until(() -> client.ended.contains(ct));
        assertThat(sent.encodes).as("encodings of the request").hasValue(1);
        assertKeptAsSent(ct, sent);
    }

    @Test
    void aRequestSentOverTcpIsEncodedOnceInTheTransactionsWholeLife() throws Exception {
        StackPeer server = peer("server", "tcp");
        StackPeer client = peer("client", "tcp");
        TransactionEndParseTest.answer200(server, new AtomicReference<>(), 0);
        CountingRequest sent = CountingRequest.of(TransactionEndParseTest.options(client, server));
        ClientTransactionExt ct = (ClientTransactionExt) client.provider.getNewClientTransaction(sent);
        ct.sendRequest();

        // over TCP Timer K is 0 (RFC 3261 §17.1.2.2): the 200 ends the transaction
        await().atMost(WAIT).until(() -> client.ended.contains(ct));
        assertThat(sent.encodes).as("encodings of the request").hasValue(1);
        assertKeptAsSent(ct, sent);
    }

    /** The ended transaction's request is the one sent: the same text as the request encodes to now. */
    private static void assertKeptAsSent(ClientTransactionExt ct, CountingRequest sent) {
        Request kept = ct.getRequest();
        assertThat(kept.getMethod()).isEqualTo(Request.OPTIONS);
        assertThat(((FromHeader) kept.getHeader(FromHeader.NAME)).getTag()).isEqualTo("f1");
        assertThat(((SIPRequest) kept).encode()).isEqualTo(sent.encode());
    }
}
