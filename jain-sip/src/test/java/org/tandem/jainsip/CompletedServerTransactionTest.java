package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionImpl;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A BYE's server transaction Completed for Timer J (RFC 3261 §17.2.2, 32 s over UDP). Patch 0023
 * (patches/0023-completed-server-transaction-keeps-less.patch): it keeps its method and transport as the constants, no
 * merge id (a non-INVITE is never merged, §8.2.2.2; computed when asked), no termination semaphore until one is needed,
 * and the received address beside its request's bytes as the same String as the host its response went to. And what
 * Tandem's proxy relies on when it asks {@code Aggressive} of a transaction (sip-core's
 * {@code SipResponder.keepOnlyTheAnswer}): no request kept, parsed or as bytes, and a retransmission still answered
 * with the same 200 without bothering the listener (upstream's behaviour as well). A real stack over loopback, the
 * phone a raw UDP socket whose sent-by cannot be reached (so the stack adds received and rport, §18.2.1).
 *
 * <p>Without 0023 the first two tests fail: the names are Strings of their own, the merge id and the semaphore are
 * there, the two addresses are two Strings; under Aggressive the merge id was kept. Without 0027 the test of a request
 * without the cookie beside Completed BYEs fails: each had parsed its request again to be compared with it.
 */
class CompletedServerTransactionTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    StackPeer server;
    RawUdpPhone phone;
    final AtomicInteger byes = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new StackPeer("server", "udp");
        phone = new RawUdpPhone(WAIT);
    }

    @AfterEach
    void stop() {
        phone.close();
        server.close();
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void aCompletedByeKeepsSharedNamesAndNoMergeIdNorSemaphore() throws Exception {
        String callId = "completed-" + System.nanoTime() + "@" + StackPeer.HOST;
        SIPServerTransaction st = answered(bye(callId), ReleaseReferencesStrategy.Normal);

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
    void aByeLetGoForGoodHasNoMergeIdInsteadOfTheOneItKept() throws Exception {
        String callId = "aggressive-" + System.nanoTime() + "@" + StackPeer.HOST;
        SIPServerTransaction st = answered(bye(callId), ReleaseReferencesStrategy.Aggressive);

        assertThat(st.getRequest()).isNull();
        assertThat(st.getMergeId()).isNull();
    }

    @Test
    void aByeLetGoForGoodKeepsItsAnswerOnlyAndStillAbsorbsARetransmission() throws Exception {
        byte[] bye = bye("retransmitted-" + System.nanoTime() + "@" + StackPeer.HOST);
        SIPServerTransaction st = answered(bye, ReleaseReferencesStrategy.Aggressive);
        String first = phone.receive();

        assertThat(st.getState()).as("Completed for Timer J").isEqualTo(TransactionState.COMPLETED);
        assertThat(field(SIPTransactionImpl.class, "originalRequest", st)).isNull();
        assertThat(field(SIPTransactionImpl.class, "originalRequestBytes", st))
                .as("not kept as bytes either")
                .isNull();
        assertThat(field(SIPServerTransactionImpl.class, "lastResponseAsBytes", st))
                .as("the 200's bytes, for retransmissions")
                .isNotNull();

        // §17.2.2: a retransmission in Completed gets the final response again; the listener never sees it
        send(bye);
        assertThat(phone.receive()).as("the 200 again, as sent").isEqualTo(first);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> byes.get() == 1);
    }

    /**
     * Patch 0024: a request without an RFC 3261 branch is tested against every server transaction (§17.2.3's older
     * rules compare it with each one's request); one whose request is gone for good matches none and the request
     * reaches the listener (without the patch: a NullPointerException in that walk, the request lost).
     */
    @Test
    void anRfc2543RequestBesideATransactionLetGoForGoodReachesTheListener() throws Exception {
        answered(bye("first-" + System.nanoTime() + "@" + StackPeer.HOST), ReleaseReferencesStrategy.Aggressive);
        send(rfc2543(bye("rfc2543-" + System.nanoTime() + "@" + StackPeer.HOST)));
        await().atMost(WAIT).until(() -> byes.get() == 2);
    }

    /**
     * Patch 0027: a request without the cookie is compared with the transactions made by such requests only (RFC
     * 3261 §17.2.3); the Completed BYEs of RFC 3261 phones, their requests kept as bytes (Normal), are not parsed
     * again for it (without the patch every one holds its parsed request again after the one datagram).
     */
    @Test
    void anRfc2543RequestParsesNoCompletedTransactionsRequestAgain() throws Exception {
        List<SIPServerTransaction> completed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            completed.add(answered(
                    bye("normal-" + i + "-" + System.nanoTime() + "@" + StackPeer.HOST),
                    ReleaseReferencesStrategy.Normal));
        }
        for (SIPServerTransaction st : completed) {
            await().atMost(WAIT).until(() -> field(SIPTransactionImpl.class, "originalRequest", st) == null);
            assertThat(field(SIPTransactionImpl.class, "originalRequestBytes", st))
                    .isNotNull();
        }

        send(rfc2543(bye("probe-" + System.nanoTime() + "@" + StackPeer.HOST)));
        await().atMost(WAIT).until(() -> byes.get() == 6);

        for (SIPServerTransaction st : completed) {
            assertThat(st.getState()).isEqualTo(TransactionState.COMPLETED);
            assertThat(field(SIPTransactionImpl.class, "originalRequest", st))
                    .as("not parsed again to be compared with a request without the cookie")
                    .isNull();
        }
    }

    /** Patch 0027: an RFC 2543 phone's retransmission still finds its own transaction (§17.2.3) and its 200 again. */
    @Test
    void anRfc2543RetransmissionIsAbsorbedByItsTransaction() throws Exception {
        byte[] old = rfc2543(bye("rfc2543-own-" + System.nanoTime() + "@" + StackPeer.HOST));
        SIPServerTransaction st = answered(old, ReleaseReferencesStrategy.Normal);
        assertThat(st.getTransactionId()).doesNotStartWith("z9hg4bk");
        String first = phone.receive();

        send(old);
        assertThat(phone.receive()).as("the 200 again, as sent").isEqualTo(first);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> byes.get() == 1);
    }

    /** {@code bye} answered 200 by a server transaction of {@code strategy}; the transaction, once it sent the 200. */
    private SIPServerTransaction answered(byte[] bye, ReleaseReferencesStrategy strategy) throws Exception {
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        server.onRequest(event -> {
            try {
                byes.incrementAndGet();
                ServerTransaction st = server.provider.getNewServerTransaction(event.getRequest());
                ((SIPServerTransaction) st).setReleaseReferencesStrategy(strategy);
                Response ok = server.messages.createResponse(Response.OK, event.getRequest());
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee");
                st.sendResponse(ok);
                made.set(st); // after sendResponse has kept what it keeps
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        send(bye);
        await().atMost(WAIT).until(() -> made.get() != null);
        return (SIPServerTransaction) made.get();
    }

    private byte[] bye(String callId) {
        return ("BYE sip:callee@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 192.0.2.7:5099;rport;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:phone@192.0.2.7>;tag=p1\r\n"
                        + "To: <sip:callee@" + StackPeer.HOST + ">;tag=callee\r\n"
                        + "Call-ID: " + callId + "\r\n"
                        + "CSeq: 2 BYE\r\n"
                        + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The request as an RFC 2543 phone sends it: a branch without the magic cookie (RFC 3261 §8.1.1.7). */
    private static byte[] rfc2543(byte[] request) {
        return new String(request, StandardCharsets.US_ASCII)
                .replaceFirst(";branch=z9hG4bK", ";branch=")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void send(byte[] bytes) throws Exception {
        phone.send(bytes, server.port);
    }

    private static Object field(Class<?> owner, String name, Object of) throws Exception {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(of);
    }
}
