package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionImpl;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0023 (patches/0023-completed-server-transaction-keeps-less.patch): a server transaction Completed for Timer J
 * (RFC 3261 §17.2.2, 32 s over UDP) keeps its method and transport as the constants, no merge id (a non-INVITE is never
 * merged, §8.2.2.2; computed when asked), no termination semaphore until one is needed, and the received address
 * beside its request's bytes as the same String as the host its response went to. A real stack over loopback, the
 * phone a raw UDP socket whose sent-by cannot be reached (so the stack adds received and rport, §18.2.1).
 *
 * <p>Unpatched ({@code -Djain-sip.patches} without 0023): the names are Strings of their own, the merge id and the
 * semaphore are there, the two addresses are two Strings; under Aggressive, {@code getMergeId()} threw.
 */
class CompletedServerTransactionTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    StackPeer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void aCompletedByeKeepsSharedNamesAndNoMergeIdNorSemaphore() throws Exception {
        String callId = "completed-" + System.nanoTime() + "@" + StackPeer.HOST;
        SIPServerTransaction st = answeredBye(callId, ReleaseReferencesStrategy.Normal);

        assertThat(st.getState()).isEqualTo(TransactionState.COMPLETED);
        assertThat(st.getMethod()).as("the constant, not the parsed text").isSameAs(Request.BYE);
        assertThat(field(SIPServerTransactionImpl.class, "lastResponseTransport", st))
                .isSameAs("UDP");
        assertThat(field(SIPTransactionImpl.class, "mergeId", st))
                .as("kept for INVITEs only")
                .isNull();
        assertThat(st.getMergeId()).as("computed when asked").contains(callId).contains("2 BYE");
        assertThat(field(SIPServerTransactionImpl.class, "terminationSemaphore", st))
                .as("never needed over UDP")
                .isNull();
        String[] via = (String[]) field(SIPServerTransactionImpl.class, "receivedViaParameters", st);
        assertThat(via[0]).isEqualTo(StackPeer.HOST);
        assertThat(via[0])
                .as("received: the host the 200 went to, one String")
                .isSameAs(field(SIPServerTransactionImpl.class, "lastResponseHost", st));
    }

    @Test
    void aByeLetGoForGoodHasNoMergeIdInsteadOfFailing() throws Exception {
        String callId = "aggressive-" + System.nanoTime() + "@" + StackPeer.HOST;
        SIPServerTransaction st = answeredBye(callId, ReleaseReferencesStrategy.Aggressive);

        assertThat(st.getRequest()).isNull();
        assertThat(st.getMergeId()).isNull();
    }

    /** A BYE answered 200 by a server transaction of {@code strategy}; the transaction, Completed. */
    private SIPServerTransaction answeredBye(String callId, ReleaseReferencesStrategy strategy) throws Exception {
        server = new StackPeer("server", "udp");
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        server.onRequest(event -> {
            try {
                ServerTransaction st = server.provider.getNewServerTransaction(event.getRequest());
                ((SIPServerTransaction) st).setReleaseReferencesStrategy(strategy);
                Response ok = server.messages.createResponse(Response.OK, event.getRequest());
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee");
                st.sendResponse(ok);
                made.set(st);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] bye = ("BYE sip:callee@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 192.0.2.7:5099;rport;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:phone@192.0.2.7>;tag=p1\r\n"
                        + "To: <sip:callee@" + StackPeer.HOST + ">;tag=callee\r\n"
                        + "Call-ID: " + callId + "\r\n"
                        + "CSeq: 2 BYE\r\n"
                        + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.send(new DatagramPacket(bye, bye.length, InetAddress.getLoopbackAddress(), server.port));
            await().atMost(WAIT).until(() -> made.get() != null);
        }
        return (SIPServerTransaction) made.get();
    }

    private static Object field(Class<?> owner, String name, Object of) throws Exception {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(of);
    }
}
