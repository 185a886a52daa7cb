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
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * Issue 23: REGISTERs over UDP are answered from their datagrams ({@code RegisterShortcut}), before jain-sip parses
 * them. On the running stack, the same request with one header the shortcut does not read (so the stack's path
 * answers it) gets the same answer, to the same place. (The registrar's other ITs, RegistrarIT and
 * RegisterRetransmissionIT among them, send REGISTERs the shortcut reads: they test its behaviour too.)
 */
class RegisterShortcutIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        pbx.bean(UserDirectory.class).create(new UserDraft("101", "User 101", "s3cret-101", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("102", "User 102", "s3cret-102", null));
        pbx.bean(RegistrarMetrics.class).bindTo(meters);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    static double count(SimpleMeterRegistry registry, String counter) {
        return registry.get(counter).functionCounter().count();
    }

    static double challengedByTheShortcut() {
        return count(meters, "tandem.registrar.shortcut.challenges");
    }

    static double registeredByTheShortcut() {
        return count(meters, "tandem.registrar.shortcut.registers");
    }

    /** A phone registers 101 at the PBX listening on {@code sipPort}: challenged, then with MD5 credentials. */
    static SipText registers101(int sipPort, UdpSipPeer phone) {
        return DigestRegistration.register(
                phone,
                new RegisterMessage(sipPort, phone.localPort())
                        .user("101")
                        .contact("<sip:101@127.0.0.1:" + phone.localPort() + ">"),
                "101",
                "s3cret-101",
                "MD5");
    }

    static String withoutNonce(String challenge) {
        return challenge.replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"");
    }

    static void assertSameAnswer(SipText shortcut, SipText stack) {
        assertThat(shortcut.startLine()).isEqualTo(stack.startLine()).isEqualTo("SIP/2.0 401 Unauthorized");
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq", "Content-Length")) {
            assertThat(shortcut.headers(name)).as(name).isEqualTo(stack.headers(name));
        }
        assertThat(shortcut.headers("WWW-Authenticate").stream().map(RegisterShortcutIT::withoutNonce))
                .containsExactlyElementsOf(stack.headers("WWW-Authenticate").stream()
                        .map(RegisterShortcutIT::withoutNonce)
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

    static final String NOT_READ_BY_THE_SHORTCUT = "Accept: application/sdp";

    /** REGISTERs of one phone, the stack's path answering those with {@link #NOT_READ_BY_THE_SHORTCUT}. */
    static RegisterMessage phone(UdpSipPeer phone, String user, boolean byStack) {
        RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                .user(user)
                .contact("<sip:" + user + "@127.0.0.1:" + phone.localPort() + ">");
        return byStack ? reg.header(NOT_READ_BY_THE_SHORTCUT) : reg;
    }

    /** Step 8's 200: the same headers, the binding listed alike, whichever path answered. */
    @Test
    void anAuthenticatedRegisterIsAnsweredAsTheStacksPathAnswersIt() {
        try (UdpSipPeer a = new UdpSipPeer(pbx.sipPort());
                UdpSipPeer b = new UdpSipPeer(pbx.sipPort())) {
            double before = registeredByTheShortcut();
            SipText byShortcut = DigestRegistration.register(
                    a, phone(a, "102", false).header("Expires: 600"), "102", "s3cret-102", "MD5");
            assertThat(registeredByTheShortcut()).isEqualTo(before + 1);
            SipText byStack = DigestRegistration.register(
                    b, phone(b, "102", true).header("Expires: 600"), "102", "s3cret-102", "MD5");
            assertThat(registeredByTheShortcut()).isEqualTo(before + 1);

            assertThat(byShortcut.startLine()).isEqualTo(byStack.startLine()).isEqualTo("SIP/2.0 200 OK");
            assertThat(byShortcut.headerNames()).isEqualTo(byStack.headerNames());
            assertThat(byShortcut.header("Via").replaceAll("branch=[^;]*", "branch=B"))
                    .isEqualTo(byStack.header("Via")
                            .replaceAll("branch=[^;]*", "branch=B")
                            .replace(":" + b.localPort(), ":" + a.localPort())
                            .replace("=" + b.localPort(), "=" + a.localPort()));
            // the stack's 200 lists both bindings (a's and b's), the shortcut's the one there was then
            assertThat(byShortcut.values("Contact"))
                    .singleElement()
                    .asString()
                    .matches("<sip:102@127\\.0\\.0\\.1:" + a.localPort() + ">;expires=(600|599)");
            assertThat(byStack.values("Contact"))
                    .hasSize(2)
                    .anySatisfy(
                            c -> assertThat(c).matches("<sip:102@127\\.0\\.0\\.1:" + a.localPort() + ">;expires=\\d+"));
            assertThat(byShortcut.header("Date"))
                    .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            assertThat(byShortcut.header("To")).startsWith("<sip:102@" + PbxTestContext.DOMAIN + ">;tag=tdm");
            assertThat(pbx.bean(LocationService.class).lookup("102"))
                    .extracting(Binding::sourcePort)
                    .containsExactlyInAnyOrder(a.localPort(), b.localPort());
        }
    }

    /** Refusals after the credentials are the stack's path's too: 423 (step 7), 403 (step 4), a stale nonce. */
    @Test
    void refusalsAreTheStacksPathsToo() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            for (boolean byStack : List.of(false, true)) {
                SipText brief = DigestRegistration.register(
                        phone, phone(phone, "101", byStack).header("Expires: 30"), "101", "s3cret-101", "MD5");
                assertThat(brief.status()).as("byStack=" + byStack).isEqualTo(423);
                assertThat(brief.header("Min-Expires")).isEqualTo("60");

                // the right password of 101 for 102's AOR
                RegisterMessage other = phone(phone, "102", byStack);
                SipText challenge = phone.exchange(other.build());
                var params = DigestAnswer.challenge(challenge, "WWW-Authenticate", "MD5");
                other.cseq(other.cseq() + 1)
                        .authorization(DigestAnswer.authorization(
                                params, "MD5", "101", "s3cret-101", "REGISTER", other.requestUri(), 1, "c1"));
                assertThat(phone.exchange(other.build()).status())
                        .as("byStack=" + byStack)
                        .isEqualTo(403);

                // the same answer again (nonce count 1 twice): RFC 7616 §3.4.5 replay, challenged again as stale
                RegisterMessage reg = phone(phone, "101", byStack);
                SipText first = phone.exchange(reg.build());
                SipText ok = DigestRegistration.answer(phone, reg, first, "101", "s3cret-101", "MD5", 1);
                assertThat(ok.status()).isEqualTo(200);
                String replayed = reg.cseq(reg.cseq() + 1)
                        .branch("z9hG4bK-replay-" + byStack)
                        .build();
                SipText stale = phone.exchange(replayed);
                assertThat(stale.status()).as("byStack=" + byStack).isEqualTo(401);
                assertThat(stale.header("WWW-Authenticate")).contains("stale=true");
            }
        }
    }

    /** {@code tandem.registrar.udp-shortcut=false}: every REGISTER goes through the stack, and registers. */
    @Test
    void offTheStackServesEveryRegister(@TempDir Path otherData) {
        try (PbxTestContext off = PbxTestContext.start(otherData, Map.of("tandem.registrar.udp-shortcut", "false"));
                UdpSipPeer phone = new UdpSipPeer(off.sipPort())) {
            off.bean(UserDirectory.class).create(new UserDraft("101", "User 101", "s3cret-101", null));
            SimpleMeterRegistry offMeters = new SimpleMeterRegistry();
            off.bean(RegistrarMetrics.class).bindTo(offMeters);
            SipText ok = registers101(off.sipPort(), phone);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(count(offMeters, "tandem.registrar.shortcut.challenges")).isZero();
            assertThat(count(offMeters, "tandem.registrar.shortcut.registers")).isZero();
        }
    }

    /** The shortcut's challenge is answered as any other: the phone registers. */
    @Test
    void aPhoneRegistersWithTheShortcutsChallenge() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            double before = challengedByTheShortcut();
            SipText ok = registers101(pbx.sipPort(), phone);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(challengedByTheShortcut()).isEqualTo(before + 1);
            assertThat(registeredByTheShortcut())
                    .as("and the REGISTER with credentials too")
                    .isPositive();
            assertThat(pbx.bean(LocationService.class).lookup("101"))
                    .anySatisfy(b -> assertThat(b.sourcePort()).isEqualTo(phone.localPort()));
        }
    }
}
