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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0013 (patches/0013-answered-invite-lingers-without-its-parsed-request.patch): an INVITE server transaction
 * without a dialog that sent a 2xx lingers in the table without its parsed INVITE (and, patch 0015, without its 2xx's
 * bytes), and still absorbs a retransmitted INVITE and answers a late CANCEL "too late" with 200 (RFC 3261 §9.2);
 * with a dialog it keeps its INVITE and its 2xx's bytes. On a real stack over loopback, the phone a raw UDP socket.
 *
 * <p>Unpatched jain-sip 1.3.0-91 keeps the parsed INVITE ({@code -Djain-sip.patches=none}: the first test fails on
 * {@code getOriginalRequest()}); under Aggressive, 0013 alone keeps it too (the second test, without 0024).
 */
class AnsweredInviteReleasedTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final List<StackPeer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(StackPeer::close);
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void aProxiedInvitesTransactionLingersWithoutItsParsedRequestAndStillMatches() throws Exception {
        lingersAndStillMatches(null, (st, callId) -> {
            assertThat(((CallIdHeader) st.getRequest().getHeader(CallIdHeader.NAME)).getCallId())
                    .as("parsed again when asked")
                    .isEqualTo(callId);
            releaseAgain(st); // getRequest() kept what it parsed
        });
    }

    /**
     * Patch 0024: the same under {@code Aggressive} for this one transaction (what Tandem's proxy asks of its INVITEs'
     * transactions): the INVITE let go without bytes, nothing parsed again, the retransmission and the late CANCEL
     * matched as before. Without the patch the parsed INVITE stays for the linger.
     */
    @Test
    void anInviteAskedAggressiveLingersWithoutItsRequestAndStillMatches() throws Exception {
        lingersAndStillMatches(
                ReleaseReferencesStrategy.Aggressive,
                (st, callId) -> assertThat(st.getRequest())
                        .as("nor its bytes: Aggressive parses nothing again")
                        .isNull());
    }

    /**
     * An INVITE answered 200 by a transaction of {@code strategy} (null: the stack's) lingers TERMINATED without its
     * parsed request nor its 2xx's bytes, passes {@code released} (the transaction, the Call-ID), and still absorbs a
     * retransmitted INVITE and answers a late CANCEL.
     */
    private void lingersAndStillMatches(
            ReleaseReferencesStrategy strategy, BiConsumer<SIPServerTransaction, String> released) throws Exception {
        StackPeer server = new StackPeer("server", "udp");
        peers.add(server);
        AtomicInteger invites = new AtomicInteger();
        AtomicInteger cancels = new AtomicInteger();
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        answer(server, invites, cancels, made, false, strategy);
        String callId = "released-" + System.nanoTime() + "@" + StackPeer.HOST;
        String branch = "z9hG4bK" + System.nanoTime();
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.setSoTimeout((int) WAIT.toMillis());
            byte[] invite = request(Request.INVITE, server, phone, branch, callId);
            send(phone, server, invite);
            assertThat(receiveFinal(phone)).startsWith("SIP/2.0 200 ").contains(callId);

            await().atMost(WAIT).until(() -> made.get() != null);
            SIPServerTransaction st = (SIPServerTransaction) made.get();
            await().atMost(WAIT).until(() -> st.getState() == TransactionState.TERMINATED);
            assertThat(st.getOriginalRequest())
                    .as("the parsed INVITE, while the transaction lingers")
                    .isNull();
            assertThat(lastResponseBytes(st))
                    .as("the 2xx's bytes, which nothing resends (patch 0015)")
                    .isNull();
            released.accept(st, callId);

            // a retransmitted INVITE is the same transaction (§17.2.3): not a new request for the listener
            send(phone, server, invite);
            // a CANCEL of it, too late (§9.2): matched, so the stack itself answers 200 and bothers nobody
            send(phone, server, request(Request.CANCEL, server, phone, branch, callId));
            assertThat(receiveFinal(phone)).startsWith("SIP/2.0 200 ").contains("CANCEL");
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> invites.get() == 1);
            assertThat(cancels).hasValue(0);
        }
    }

    @Test
    void anInviteWithADialogKeepsItsParsedRequest() throws Exception {
        StackPeer server = new StackPeer("server", "udp");
        peers.add(server);
        AtomicReference<ServerTransaction> made = new AtomicReference<>();
        answer(server, new AtomicInteger(), new AtomicInteger(), made, true, null);
        String callId = "dialog-" + System.nanoTime() + "@" + StackPeer.HOST;
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.setSoTimeout((int) WAIT.toMillis());
            send(phone, server, request(Request.INVITE, server, phone, "z9hG4bK" + System.nanoTime(), callId));
            assertThat(receiveFinal(phone)).startsWith("SIP/2.0 200 ");
            await().atMost(WAIT).until(() -> made.get() != null);
            SIPServerTransaction st = (SIPServerTransaction) made.get();
            await().atMost(WAIT).until(() -> st.getState() == TransactionState.TERMINATED);
            assertThat(st.getOriginalRequest()).as("the dialog reads it").isNotNull();
            assertThat(lastResponseBytes(st)).as("kept as before").isNotNull();
        }
    }

    private static byte[] lastResponseBytes(SIPServerTransaction st) throws Exception {
        Field f = SIPServerTransactionImpl.class.getDeclaredField("lastResponseAsBytes");
        f.setAccessible(true);
        return (byte[]) f.get(st);
    }

    /** getRequest() parsed the bytes again and kept the result: a test may drop it as the patch did. */
    private static void releaseAgain(SIPServerTransaction st) {
        try {
            Field f = SIPTransactionImpl.class.getDeclaredField("originalRequest");
            f.setAccessible(true);
            f.set(st, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * INVITE: a server transaction (and a dialog if asked), asked {@code strategy} first (null: the stack's), 200 at
     * once; CANCEL: counted (should not come).
     */
    private static void answer(
            StackPeer server,
            AtomicInteger invites,
            AtomicInteger cancels,
            AtomicReference<ServerTransaction> made,
            boolean dialog,
            ReleaseReferencesStrategy strategy) {
        server.onRequest(event -> {
            try {
                Request request = event.getRequest();
                if (Request.CANCEL.equals(request.getMethod())) {
                    cancels.incrementAndGet();
                    return;
                }
                if (!Request.INVITE.equals(request.getMethod())) return;
                invites.incrementAndGet();
                ServerTransaction st = server.provider.getNewServerTransaction(request);
                if (strategy != null) ((SIPServerTransaction) st).setReleaseReferencesStrategy(strategy);
                if (dialog) server.provider.getNewDialog(st);
                Response ok = server.messages.createResponse(Response.OK, request);
                ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee");
                ok.addHeader(server.headers.createContactHeader(
                        server.addresses.createAddress("sip:callee@" + StackPeer.HOST + ":" + server.port)));
                st.sendResponse(ok);
                made.set(st); // after sendResponse has kept what it keeps
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static byte[] request(String method, StackPeer server, DatagramSocket phone, String branch, String callId) {
        return (method + " sip:callee@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + StackPeer.HOST + ":" + phone.getLocalPort() + ";branch=" + branch
                        + "\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:phone@" + StackPeer.HOST + ">;tag=p1\r\n"
                        + "To: <sip:callee@" + StackPeer.HOST + ">\r\n"
                        + "Call-ID: " + callId + "\r\n"
                        + "CSeq: 1 " + method + "\r\n"
                        + "Contact: <sip:phone@" + StackPeer.HOST + ":" + phone.getLocalPort() + ">\r\n"
                        + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(DatagramSocket phone, StackPeer server, byte[] bytes) throws Exception {
        phone.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), server.port));
    }

    /** The next final response (a 100 Trying before it is skipped). */
    private static String receiveFinal(DatagramSocket phone) throws Exception {
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            try {
                phone.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no final response within " + WAIT, e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (!text.startsWith("SIP/2.0 1")) return text;
        }
    }
}
