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
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
 * What Tandem's proxy relies on when it lets a non-INVITE server transaction go of its request once answered
 * (sip-core's {@code SipResponder.keepOnlyTheAnswer}: jain-sip's per-transaction {@code Aggressive} release, issue 23):
 * Completed for Timer J (RFC 3261 §17.2.2), the transaction keeps neither the parsed request nor its bytes, and still
 * answers a retransmitted request with its final response, without bothering the listener. Upstream's own behaviour
 * (it passes on 1.3.0-91 as released too); kept here so that a patch that changed it would fail.
 */
class AnsweredNonInviteKeepsItsAnswerTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    StackPeer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void anAggressivelyReleasedByeKeepsItsAnswerOnlyAndStillAbsorbsARetransmission() throws Exception {
        server = new StackPeer("server", "udp");
        AtomicInteger byes = new AtomicInteger();
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        server.onRequest(event -> {
            try {
                Request request = event.getRequest();
                if (!Request.BYE.equals(request.getMethod())) return;
                byes.incrementAndGet();
                ServerTransaction st = server.provider.getNewServerTransaction(request);
                ((SIPServerTransaction) st).setReleaseReferencesStrategy(ReleaseReferencesStrategy.Aggressive);
                Response ok = server.messages.createResponse(Response.OK, request);
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee");
                st.sendResponse(ok);
                made.set(st); // after sendResponse has kept what it keeps
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.setSoTimeout((int) WAIT.toMillis());
            String callId = "bye-" + System.nanoTime() + "@" + StackPeer.HOST;
            byte[] bye = bye(phone, "z9hG4bK" + System.nanoTime(), callId);
            send(phone, bye);
            String first = receive(phone);
            assertThat(first).startsWith("SIP/2.0 200 ").contains(callId);

            await().atMost(WAIT).until(() -> made.get() != null);
            SIPServerTransaction st = (SIPServerTransaction) made.get();
            assertThat(st.getState()).as("Completed for Timer J").isEqualTo(TransactionState.COMPLETED);
            assertThat(field(SIPTransactionImpl.class, "originalRequest", st)).isNull();
            assertThat(field(SIPTransactionImpl.class, "originalRequestBytes", st))
                    .as("not kept as bytes either")
                    .isNull();
            assertThat(st.getRequest()).as("released (Aggressive)").isNull();
            assertThat(field(SIPServerTransactionImpl.class, "lastResponseAsBytes", st))
                    .as("the 200's bytes, for retransmissions")
                    .isNotNull();

            // §17.2.2: a retransmission in Completed gets the final response again; the listener never sees it
            send(phone, bye);
            assertThat(receive(phone)).as("the 200 again, as sent").isEqualTo(first);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> byes.get() == 1);
        }
    }

    private static Object field(Class<?> owner, String name, Object of) throws Exception {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(of);
    }

    private byte[] bye(DatagramSocket phone, String branch, String callId) {
        return ("BYE sip:callee@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + StackPeer.HOST + ":" + phone.getLocalPort() + ";branch=" + branch
                        + "\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:phone@" + StackPeer.HOST + ">;tag=p1\r\n"
                        + "To: <sip:callee@" + StackPeer.HOST + ">;tag=callee\r\n"
                        + "Call-ID: " + callId + "\r\n"
                        + "CSeq: 2 BYE\r\n"
                        + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void send(DatagramSocket phone, byte[] bytes) throws Exception {
        phone.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), server.port));
    }

    private static String receive(DatagramSocket phone) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        try {
            phone.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + WAIT, e);
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }
}
