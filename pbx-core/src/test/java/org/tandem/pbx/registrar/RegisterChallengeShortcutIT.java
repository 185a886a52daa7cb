package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.registrar.internal.RegistrarMetrics;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * Issue 23: the 401 of a REGISTER over UDP without credentials is written from the datagram's bytes
 * ({@code RegisterChallenges}), before jain-sip parses it. On the running stack, the same request with one header the
 * shortcut does not read (so the stack's path answers it) gets the same answer, to the same place.
 */
class RegisterChallengeShortcutIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        pbx.bean(UserDirectory.class).create(new UserDraft("101", "User 101", "s3cret-101", null));
        pbx.bean(RegistrarMetrics.class).bindTo(meters);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static double challengedByTheShortcut() {
        return meters.get("tandem.registrar.shortcut.challenges")
                .functionCounter()
                .count();
    }

    static String withoutNonce(String challenge) {
        return challenge.replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"");
    }

    static void assertSameAnswer(SipText shortcut, SipText stack) {
        assertThat(shortcut.startLine()).isEqualTo(stack.startLine()).isEqualTo("SIP/2.0 401 Unauthorized");
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq", "Content-Length")) {
            assertThat(shortcut.headers(name)).as(name).isEqualTo(stack.headers(name));
        }
        assertThat(shortcut.headers("WWW-Authenticate").stream().map(RegisterChallengeShortcutIT::withoutNonce))
                .containsExactlyElementsOf(stack.headers("WWW-Authenticate").stream()
                        .map(RegisterChallengeShortcutIT::withoutNonce)
                        .toList())
                .isNotEmpty();
    }

    @Test
    void answersAsTheStacksPathAnswersTheSameRequest() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("101")
                    .branch("z9hG4bK-same")
                    .contact("<sip:101@127.0.0.1:" + phone.localPort() + ">");
            double before = challengedByTheShortcut();
            SipText byShortcut = phone.exchange(reg.build());
            assertThat(challengedByTheShortcut()).isEqualTo(before + 1);

            // Accept is not read by the shortcut: the stack's path answers this one
            SipText byStack =
                    phone.exchange(reg.header("Accept: application/sdp").build());
            assertThat(challengedByTheShortcut()).isEqualTo(before + 1);

            assertSameAnswer(byShortcut, byStack);
            assertThat(byShortcut.header("Via"))
                    .isEqualTo("SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=z9hG4bK-same;rport="
                            + phone.localPort() + ";received=127.0.0.1");
        }
    }

    /** RFC 3261 §18.2.2: without rport the answer goes to the Via's port at the source address, on both paths. */
    @Test
    void withoutRportBothPathsAnswerTheViasPort() {
        try (UdpSipPeer sender = new UdpSipPeer(pbx.sipPort());
                UdpSipPeer viaPort = new UdpSipPeer(pbx.sipPort())) {
            String request = new RegisterMessage(pbx.sipPort(), viaPort.localPort())
                    .user("101")
                    .branch("z9hG4bK-plain")
                    .contact("<sip:101@127.0.0.1:" + viaPort.localPort() + ">")
                    .build()
                    .replace(";rport", "");
            double before = challengedByTheShortcut();
            sender.send(request);
            SipText byShortcut = viaPort.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(challengedByTheShortcut()).isEqualTo(before + 1);
            sender.send(request.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nAccept: application/sdp\r\n"));
            SipText byStack = viaPort.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(challengedByTheShortcut()).isEqualTo(before + 1);

            assertSameAnswer(byShortcut, byStack);
            assertThat(byShortcut.header("Via")).doesNotContain("rport").doesNotContain("received");
            assertThat(sender.receive(Duration.ofMillis(300)))
                    .as("nothing to the source port")
                    .isEmpty();
        }
    }

    /** The shortcut's challenge is answered as any other: the phone registers. */
    @Test
    void aPhoneRegistersWithTheShortcutsChallenge() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            double before = challengedByTheShortcut();
            SipText ok = DigestRegistration.register(
                    phone,
                    new RegisterMessage(pbx.sipPort(), phone.localPort())
                            .user("101")
                            .contact("<sip:101@127.0.0.1:" + phone.localPort() + ">"),
                    "101",
                    "s3cret-101",
                    "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(challengedByTheShortcut()).isEqualTo(before + 1);
            assertThat(pbx.bean(LocationService.class).lookup("101"))
                    .anySatisfy(b -> assertThat(b.sourcePort()).isEqualTo(phone.localPort()));
        }
    }
}
