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
        pbx = PbxTestContext.start(data, Map.of("tandem.security.max-failures", "3"));
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
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), attacker.localPort()).user("401")
                    .contact("<sip:401@127.0.0.1:" + attacker.localPort() + ">");
            SipText challenge = attacker.exchange(reg.build());
            for (int i = 0; i < 3; i++) {
                challenge = DigestRegistration.answer(attacker, reg, challenge, "401", "guess-" + i, "MD5", 1);
                assertThat(challenge.status()).isEqualTo(401);
            }
            assertThat(bans.isBanned("127.0.0.1")).isTrue();
            assertThat(bans.current()).singleElement().satisfies(b -> assertThat(b.address()).isEqualTo("127.0.0.1"));

            // dropped silently: no answer at all, not even a challenge
            attacker.send(reg.cseq(reg.cseq() + 1).build());
            assertThat(attacker.receive(Duration.ofSeconds(2))).isEmpty();

            assertThat(bans.unban("127.0.0.1")).isTrue();
            assertThat(bans.current()).isEmpty();
            RegisterMessage again = new RegisterMessage(pbx.sipPort(), attacker.localPort()).user("401")
                    .contact("<sip:401@127.0.0.1:" + attacker.localPort() + ">");
            assertThat(DigestRegistration.register(attacker, again, "401", "s3cret-401", "MD5").status()).isEqualTo(200);
        }
    }
}
