package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPClientTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionImpl;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0014 (patches/0014-answered-invite-client-transaction-lets-go-of-its-messages.patch): an INVITE client
 * transaction without a dialog (a stateful proxy's) that received a 2xx is TERMINATED and lingers in the table until
 * its timer's next tick without the parsed INVITE, the request last sent or the 2xx; a retransmitted 2xx still
 * reaches the listener through it, and {@code getRequest()} parses the kept bytes again. On a real stack over
 * loopback, the callee a raw UDP socket.
 *
 * <p>Unpatched jain-sip 1.3.0-91 keeps all three ({@code -Djain-sip.patches=none}: the test fails on the parsed
 * INVITE).
 */
class AnsweredInviteClientReleasedTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final List<StackPeer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(StackPeer::close);
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void anAnsweredInviteLingersWithoutItsParsedMessagesAndStillPassesRetransmitted2xxUp() throws Exception {
        StackPeer proxy = new StackPeer("proxy", "udp");
        peers.add(proxy);
        List<ResponseEvent> responses = new CopyOnWriteArrayList<>();
        proxy.onResponse(responses::add);
        try (DatagramSocket callee = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            callee.setSoTimeout((int) WAIT.toMillis());
            Request invite = invite(proxy, callee.getLocalPort());
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            ClientTransaction ct = proxy.provider.getNewClientTransaction(invite);
            // the transaction timer ticks every T1: 5 s keeps the terminated transaction in the table for the test
            ct.setRetransmitTimer(5000);
            ct.sendRequest();

            String received = receive(callee);
            assertThat(received).startsWith("INVITE ");
            byte[] ok = ok(received);
            send(callee, proxy, ok);
            await().atMost(WAIT).until(() -> responses.size() == 1);
            assertThat(ct.getState()).isEqualTo(TransactionState.TERMINATED);
            assertThat(responses.get(0).getResponse().getStatusCode())
                    .as("the listener's 2xx is whole")
                    .isEqualTo(200);
            assertReleased(ct);

            // §17.1.1.2 / §16.7 step 5: a retransmitted 2xx goes to the TU, here through the lingering transaction
            send(callee, proxy, ok);
            await().atMost(WAIT).until(() -> responses.size() == 2);
            assertThat(responses.get(1).getClientTransaction()).isSameAs(ct);
            assertReleased(ct);

            assertThat(((CallIdHeader) ct.getRequest().getHeader(CallIdHeader.NAME)).getCallId())
                    .as("parsed again when asked")
                    .isEqualTo(callId);
        }
    }

    /** No parsed INVITE, request last sent or 2xx held by the transaction. */
    private static void assertReleased(ClientTransaction ct) throws Exception {
        assertThat(field(SIPTransactionImpl.class, "originalRequest").get(ct))
                .as("the parsed INVITE")
                .isNull();
        assertThat(field(SIPClientTransactionImpl.class, "lastRequest").get(ct))
                .as("the request last sent")
                .isNull();
        assertThat(((SIPClientTransactionImpl) ct).getLastResponse())
                .as("the 2xx")
                .isNull();
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    static Request invite(StackPeer proxy, int calleePort) throws Exception {
        SipURI target = proxy.addresses.createSipURI("callee", StackPeer.HOST + ":" + calleePort);
        Address from = proxy.addresses.createAddress(proxy.addresses.createSipURI("caller", StackPeer.HOST));
        Address to = proxy.addresses.createAddress(proxy.addresses.createSipURI("callee", StackPeer.HOST));
        Request invite = proxy.messages.createRequest(
                target,
                Request.INVITE,
                proxy.provider.getNewCallId(),
                proxy.headers.createCSeqHeader(1L, Request.INVITE),
                proxy.headers.createFromHeader(from, "f1"),
                proxy.headers.createToHeader(to, null),
                List.of(proxy.headers.createViaHeader(StackPeer.HOST, proxy.port, "udp", null)),
                proxy.headers.createMaxForwardsHeader(70));
        invite.addHeader(proxy.headers.createContactHeader(
                proxy.addresses.createAddress("sip:caller@" + StackPeer.HOST + ":" + proxy.port)));
        return invite;
    }

    /** The callee's 200: the request's Via, From, Call-ID and CSeq, a To tag (RFC 3261 §8.2.6.2). */
    static byte[] ok(String invite) {
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : invite.split("\r\n")) {
            String name =
                    line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            switch (name) {
                case "Via", "From", "Call-ID", "CSeq" -> ok.append(line).append("\r\n");
                case "To" -> ok.append(line).append(";tag=callee\r\n");
                default -> {}
            }
        }
        ok.append("Contact: <sip:callee@" + StackPeer.HOST + ">\r\nContent-Length: 0\r\n\r\n");
        return ok.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    static void send(DatagramSocket from, StackPeer to, byte[] message) throws Exception {
        from.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), to.port));
    }
}
