package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0025 (patches/0025-udp-server-transaction-leaves-when-its-timers-are-done.patch): over UDP a terminated server
 * transaction leaves the stack's table without jain-sip's 8-s linger, and an INVITE answered 2xx is remembered by its
 * key alone for Timer L (RFC 6026 §7.1, the Accepted state): a retransmission of it is absorbed, a new INVITE or the
 * ACK carrying its branch is not. A real stack over loopback, the phone a raw UDP socket.
 *
 * <p>Without 0025 the first test fails: the answered INVITE stays in the table for the linger (8 s). The second pins
 * what the patch must not change: an INVITE answered non-2xx absorbs its ACKs for Timer I and is not remembered as
 * accepted (the same branch again is a new request).
 */
class AcceptedInviteTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    StackPeer server;
    RawUdpPhone phone;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new StackPeer("server", "udp");
        phone = new RawUdpPhone(WAIT);
        server.onRequest(event -> {
            Request request = event.getRequest();
            seen.add(request.getMethod());
            if (!Request.INVITE.equals(request.getMethod())) return;
            try {
                ServerTransaction st = server.provider.getNewServerTransaction(request);
                int status = request.getRequestURI().toString().contains("busy") ? Response.BUSY_HERE : Response.OK;
                Response answer = server.messages.createResponse(status, request);
                ((ToHeader) answer.getHeader(ToHeader.NAME)).setTag("callee");
                answer.addHeader(server.headers.createContactHeader(
                        server.addresses.createAddress("sip:callee@" + StackPeer.HOST + ":" + server.port)));
                st.sendResponse(answer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() {
        phone.close();
        server.close();
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void anInviteAnswered2xxLeavesTheTableAndItsRetransmissionIsAbsorbed() throws Exception {
        String branch = "z9hG4bK-accepted-" + System.nanoTime();
        byte[] invite = request("INVITE", "callee", branch, "1 INVITE");
        send(invite);
        assertThat(phone.finalResponse()).startsWith("SIP/2.0 200 OK");
        // at the transaction's next tick (500 ms), not after the 8-s linger
        await().atMost(Duration.ofSeconds(3)).until(() -> serverTransaction(branch) == null);

        send(invite); // RFC 6026 §7.1: absorbed in the Accepted state, the application never sees it
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> seen.equals(List.of("INVITE")));

        // the ACK for the 2xx with the INVITE's branch (a phone that reuses it) and a new INVITE get through
        send(request("ACK", "callee", branch, "1 ACK"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactly("INVITE", "ACK"));
        // one after the other: this stack (no THREAD_POOL_SIZE) delivers each datagram on a thread of its own
        send(request("INVITE", "callee", "z9hG4bK-other-" + System.nanoTime(), "1 INVITE"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactly("INVITE", "ACK", "INVITE"));
        assertThat(phone.finalResponse()).as("the new INVITE answered").startsWith("SIP/2.0 200 OK");
    }

    @Test
    void anInviteAnsweredNon2xxLeavesWhenTimerIEnds() throws Exception {
        String branch = "z9hG4bK-busy-" + System.nanoTime();
        send(request("INVITE", "busy", branch, "1 INVITE"));
        assertThat(phone.finalResponse()).startsWith("SIP/2.0 486");
        send(request("ACK", "busy", branch, "1 ACK")); // §17.2.1: Confirmed, Timer I (T4, 5 s) to absorb ACKs
        long acked = System.nanoTime();
        await().atMost(Duration.ofSeconds(8)).until(() -> serverTransaction(branch) == null);
        assertThat(Duration.ofNanos(System.nanoTime() - acked))
                .as("Timer I, not Timer I and the linger")
                .isGreaterThanOrEqualTo(Duration.ofMillis(4_500));

        // not remembered as accepted: the same INVITE again is a new request (the branch reused on purpose)
        send(request("INVITE", "busy", branch, "1 INVITE"));
        assertThat(phone.finalResponse()).startsWith("SIP/2.0 486");
        assertThat(seen).containsExactly("INVITE", "INVITE");
    }

    private Object serverTransaction(String branch) {
        return ((SIPTransactionStack) server.stack).findTransaction(branch.toLowerCase(), true);
    }

    private byte[] request(String method, String user, String branch, String cseq) {
        return (method + " sip:" + user + "@" + StackPeer.HOST + ":" + server.port + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + StackPeer.HOST + ":" + phone.port() + ";branch=" + branch
                        + "\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:phone@" + StackPeer.HOST + ">;tag=p1\r\n"
                        + "To: <sip:" + user + "@" + StackPeer.HOST + ">"
                        + (method.equals("ACK") ? ";tag=callee" : "") + "\r\n"
                        + "Call-ID: accepted-" + branch + "@" + StackPeer.HOST + "\r\n"
                        + "CSeq: " + cseq + "\r\n"
                        + "Contact: <sip:phone@" + StackPeer.HOST + ":" + phone.port() + ">\r\n"
                        + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void send(byte[] bytes) throws Exception {
        phone.send(bytes, server.port);
    }
}
