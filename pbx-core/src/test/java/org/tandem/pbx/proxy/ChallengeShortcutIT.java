package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.proxy.internal.ChallengeShortcut;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * Issue 23: a call's first INVITE over UDP is challenged, and the ACK of that 407 absorbed, from their datagrams
 * ({@code ChallengeShortcut}), before jain-sip parses them. On the running stack: the same INVITE with one header the
 * shortcut does not read (so the stack's path answers it) gets the same 407, to the same place; the ACK a server
 * transaction waits for still reaches it; the setting off leaves every INVITE to the stack. (The proxy's call ITs send
 * INVITEs the shortcut reads: they test its behaviour too.)
 */
class ChallengeShortcutIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        pbx.bean(UserDirectory.class).create(new UserDraft("101", "User 101", "s3cret-101", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("102", "User 102", "s3cret-102", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static ChallengeShortcut shortcut() {
        return pbx.bean(ChallengeShortcut.class);
    }

    static final String SDP = "v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /** An INVITE from 101 to {@code callee} as a phone writes it; {@code extra}: header lines before the body. */
    static String invite(
            int sipPort, UdpSipPeer phone, String callee, String branch, String callId, int cseq, String extra) {
        return "INVITE sip:" + callee + "@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"User 101\" <sip:101@127.0.0.1>;tag=f-" + callId.replace('@', '.') + "\r\n"
                + "To: <sip:" + callee + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " INVITE\r\n"
                + "Contact: <sip:101@127.0.0.1:" + phone.localPort() + ">\r\n"
                + "User-Agent: Test Phone 1.0\r\n"
                + "Allow: INVITE, ACK, CANCEL, BYE\r\n"
                + extra
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP;
    }

    /** The ACK of a non-2xx final answer to that INVITE (RFC 3261 §17.1.1.3: its branch, the answer's To). */
    static String ack(
            int sipPort, UdpSipPeer phone, String callee, String branch, String callId, int cseq, SipText to) {
        return "ACK sip:" + callee + "@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"User 101\" <sip:101@127.0.0.1>;tag=f-" + callId.replace('@', '.') + "\r\n"
                + "To: " + to.header("To") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String withoutNonce(String challenge) {
        return challenge.replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"");
    }

    @Test
    void challengesAsTheStacksPathChallengesTheSameInvite() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            long before = shortcut().challenged();
            SipText byShortcut =
                    phone.exchange(invite(pbx.sipPort(), phone, "102", "z9hG4bK-same", "cs-1@test", 1, ""));
            assertThat(shortcut().challenged()).isEqualTo(before + 1);

            // Subject is not read by the shortcut: the stack's path challenges this one
            SipText byStack = phone.exchange(
                    invite(pbx.sipPort(), phone, "102", "z9hG4bK-same", "cs-1@test", 1, "Subject: hello\r\n"));
            assertThat(shortcut().challenged()).isEqualTo(before + 1);

            assertThat(byShortcut.startLine())
                    .isEqualTo(byStack.startLine())
                    .isEqualTo("SIP/2.0 407 Proxy Authentication required"); // jain-sip's phrase
            for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq", "Content-Length")) {
                assertThat(byShortcut.headers(name)).as(name).isEqualTo(byStack.headers(name));
            }
            assertThat(byShortcut.headers("Proxy-Authenticate").stream().map(ChallengeShortcutIT::withoutNonce))
                    .containsExactlyElementsOf(byStack.headers("Proxy-Authenticate").stream()
                            .map(ChallengeShortcutIT::withoutNonce)
                            .toList())
                    .isNotEmpty();
            assertThat(byShortcut.header("Via"))
                    .isEqualTo("SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=z9hG4bK-same;rport="
                            + phone.localPort() + ";received=127.0.0.1");
            assertThat(byShortcut.header("To")).contains(";tag=tdm");
        }
    }

    /** The ACK of the shortcut's 407 ends there, unanswered, as on the stack's path. */
    @Test
    void theAckOfTheChallengeEndsThere() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            int port = pbx.sipPort();
            SipText challenge = phone.exchange(invite(port, phone, "102", "z9hG4bK-c1", "cs-2@test", 1, ""));
            assertThat(challenge.status()).isEqualTo(407);
            long absorbed = shortcut().absorbed();
            phone.send(ack(port, phone, "102", "z9hG4bK-c1", "cs-2@test", 1, challenge));
            await().atMost(Duration.ofSeconds(5)).until(() -> shortcut().absorbed() == absorbed + 1);
            assertThat(phone.receive(Duration.ofMillis(300)))
                    .as("an ACK is never answered")
                    .isEmpty();
        }
    }

    /**
     * The shortcut's nonce works (the INVITE with credentials computed on it is authenticated), and the ACK of a final
     * answer sent in a server transaction (to nobody: 404) goes to that transaction, which then stops retransmitting
     * the 404 (RFC 3261 §17.2.1): the shortcut leaves it to the stack.
     */
    @Test
    void anAckATransactionWaitsForReachesIt() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            int port = pbx.sipPort();
            SipText challenge = phone.exchange(invite(port, phone, "999", "z9hG4bK-n1", "cs-3@test", 1, ""));
            assertThat(challenge.status()).isEqualTo(407);
            phone.send(ack(port, phone, "999", "z9hG4bK-n1", "cs-3@test", 1, challenge));
            String credentials = DigestAnswer.authorization(
                    DigestAnswer.challenge(challenge, "Proxy-Authenticate", "MD5"),
                    "MD5",
                    "101",
                    "s3cret-101",
                    "INVITE",
                    "sip:999@127.0.0.1:" + port,
                    1,
                    "cn1");
            SipText notFound = phone.exchange(invite(
                    port, phone, "999", "z9hG4bK-n2", "cs-3@test", 2, "Proxy-Authorization: " + credentials + "\r\n"));
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.header("To"))
                    .as("our tag, as the shortcut's answers carry")
                    .contains(";tag=tdm");

            long absorbed = shortcut().absorbed();
            phone.send(ack(port, phone, "999", "z9hG4bK-n2", "cs-3@test", 2, notFound));
            // without its ACK the transaction would send the 404 again after T1 (500 ms), 1.5 s, ...
            Optional<SipText> again = phone.receive(Duration.ofMillis(2_000));
            assertThat(again).as("the 404 is not retransmitted once ACKed").isEmpty();
            assertThat(shortcut().absorbed()).isEqualTo(absorbed);
        }
    }

    /** {@code tandem.proxy.udp-shortcut=false}: every INVITE goes through the stack, and is challenged there. */
    @Test
    void offEveryInviteGoesToTheStack(@TempDir Path otherData) {
        try (PbxTestContext off = PbxTestContext.start(otherData, Map.of("tandem.proxy.udp-shortcut", "false"));
                UdpSipPeer phone = new UdpSipPeer(off.sipPort())) {
            off.bean(UserDirectory.class).create(new UserDraft("101", "User 101", "s3cret-101", null));
            SipText challenge = phone.exchange(invite(off.sipPort(), phone, "101", "z9hG4bK-o1", "cs-4@test", 1, ""));
            assertThat(challenge.status()).isEqualTo(407);
            phone.send(ack(off.sipPort(), phone, "101", "z9hG4bK-o1", "cs-4@test", 1, challenge));
            assertThat(phone.receive(Duration.ofMillis(300))).isEmpty();
            assertThat(off.bean(ChallengeShortcut.class).challenged()).isZero();
            assertThat(off.bean(ChallengeShortcut.class).absorbed()).isZero();
        }
    }
}
