package org.tandem.pbx.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * Repeated wrong passwords from 127.0.0.1 get it banned (loopback is not exempt by default): its
 * requests are then dropped without an answer, until an admin unbans it.
 */
class BanIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(
                data,
                Map.of(
                        "tandem.security.max-failures",
                        "3",
                        "tandem.security.rate-limit.max-requests",
                        "20",
                        "tandem.security.rate-limit.window",
                        "10s"));
        pbx.bean(UserDirectory.class).create(new UserDraft("401", "Gus", "s3cret-401", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void bannedAfterFailuresThenDroppedThenUnbanned() {
        BanRegistry bans = pbx.bean(BanRegistry.class);
        try (UdpSipPeer attacker = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), attacker.localPort())
                    .user("401")
                    .contact("<sip:401@127.0.0.1:" + attacker.localPort() + ">");
            SipText challenge = attacker.exchange(reg.build());
            for (int i = 0; i < 3; i++) {
                challenge = DigestRegistration.answer(attacker, reg, challenge, "401", "guess-" + i, "MD5", 1);
                assertThat(challenge.status()).isEqualTo(401);
            }
            assertThat(bans.isBanned("127.0.0.1")).isTrue();
            assertThat(bans.current())
                    .singleElement()
                    .satisfies(b -> assertThat(b.address()).isEqualTo("127.0.0.1"));

            // dropped silently: no answer at all, not even a challenge
            attacker.send(reg.cseq(reg.cseq() + 1).build());
            assertThat(attacker.receive(Duration.ofSeconds(2))).isEmpty();

            assertThat(bans.unban("127.0.0.1")).isTrue();
            assertThat(bans.current()).isEmpty();
            RegisterMessage again = new RegisterMessage(pbx.sipPort(), attacker.localPort())
                    .user("401")
                    .contact("<sip:401@127.0.0.1:" + attacker.localPort() + ">");
            assertThat(DigestRegistration.register(attacker, again, "401", "s3cret-401", "MD5")
                            .status())
                    .isEqualTo(200);
        }
    }

    /**
     * Issue 22 finding 5: ten REGISTERs answering a nonce the appliance never issued, "from" 127.0.0.2 (the answers
     * go there and are never read: a spoofed source), must not ban 127.0.0.2, which could be the office's phones.
     */
    @Test
    void madeUpNoncesFromASpoofedSourceDoNotBan() {
        BanRegistry bans = pbx.bean(BanRegistry.class);
        try (UdpSipPeer spoofer = new UdpSipPeer(pbx.sipPort(), "127.0.0.2")) {
            for (int i = 0; i < 10; i++) {
                RegisterMessage reg = new RegisterMessage(pbx.sipPort(), spoofer.localPort())
                        .user("401")
                        .cseq(i + 1)
                        .authorization("Digest username=\"401\", realm=\"" + realm() + "\", nonce=\"bWFkZS11cC1ub25jZS0"
                                + i + "\", uri=\"sip:" + realm() + "\", response=\"0123456789abcdef0123456789abcdef\", "
                                + "algorithm=MD5, cnonce=\"c\", qop=auth, nc=00000001");
                spoofer.send(reg.build());
            }
            // the spoofed packets were all answered (by challenges): the server has seen them
            for (int i = 0; i < 10; i++)
                assertThat(spoofer.receive(Duration.ofSeconds(5))).isPresent();
        }
        assertThat(bans.isBanned("127.0.0.2")).isFalse();
    }

    /**
     * Issue 22 (low): a flood of unauthenticated requests (no credentials, each one challenged) over TCP, where the
     * handshake proves the source, gets the source banned (like Kamailio's pike module feeding fail2ban).
     */
    @Test
    void aFloodOfUnauthenticatedRequestsOverTcpIsBanned() {
        BanRegistry bans = pbx.bean(BanRegistry.class);
        try (TcpSipPeer scanner = new TcpSipPeer(pbx.sipPort(), "127.0.0.5")) {
            for (int i = 0; i < 21; i++) {
                scanner.send(new RegisterMessage(pbx.sipPort(), scanner.localPort())
                        .transport("TCP")
                        .user("4" + (10 + i))
                        .cseq(i + 1)
                        .build());
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bans.isBanned("127.0.0.5"));
            assertThat(bans.current())
                    .filteredOn(b -> b.address().equals("127.0.0.5"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.reason()).contains("unauthenticated"));
        } finally {
            bans.unban("127.0.0.5");
        }
    }

    /**
     * The same flood over UDP may come from a spoofed address: it is rate-limited (the rest is dropped for the
     * window) but never banned.
     */
    @Test
    void aFloodOverUdpIsDroppedButNotBanned() {
        BanRegistry bans = pbx.bean(BanRegistry.class);
        try (UdpSipPeer flood = new UdpSipPeer(pbx.sipPort(), "127.0.0.6")) {
            int answered = 0;
            for (int i = 0; i < 40; i++) {
                flood.send(new RegisterMessage(pbx.sipPort(), flood.localPort())
                        .user("4" + (10 + i))
                        .cseq(i + 1)
                        .build());
            }
            while (flood.receive(Duration.ofSeconds(2)).isPresent()) answered++;
            assertThat(answered).as("answers to 40 requests with a limit of 20").isBetween(20, 21);
        }
        assertThat(bans.isBanned("127.0.0.6")).isFalse();
    }

    private static String realm() {
        return pbx.bean(org.tandem.pbx.config.SipDomain.class).current();
    }
}
