package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
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

/**
 * RFC 5626 outbound from the registrar's side: a REGISTER that supports outbound with a +sip.instance and reg-id gets
 * {@code Require: outbound} and a {@code Flow-Timer} (§6, §5.4); one that does not gets neither; and a client's CRLF
 * ping on its TCP flow is answered with a CRLF pong (§4.4.1). Our own keepalives are set far apart here, so a CRLF
 * that arrives can only be the pong.
 */
class OutboundIT {

    @TempDir
    static Path data;
    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of("tandem.sip.keepalive-interval", "600s"));
        pbx.bean(UserDirectory.class).create(new UserDraft("691", "Outbound", "secret691", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aRegistrationThatAsksForOutboundGetsRequireAndFlowTimerAndItsPingsArePonged() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort()).user("691").transport("TCP")
                    .header("Supported: outbound, path")
                    .contact("<sip:691@192.168.1.100:5090;transport=tcp;ob>;reg-id=1;"
                            + "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
            SipText ok = DigestRegistration.register(phone, reg, "691", "secret691", "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Require")).isEqualTo("outbound");
            assertThat(ok.header("Flow-Timer")).isEqualTo("600");

            int before = phone.crlfsSeen();
            phone.send("\r\n\r\n"); // RFC 5626 §4.4.1 / §3.5.1: ping
            Awaitility.await("a CRLF pong").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        phone.next(Duration.ofMillis(100));
                        return phone.crlfsSeen() > before;
                    });
        }
    }

    @Test
    void aPlainRegistrationGetsNeither() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort()).user("691").transport("TCP")
                    .contact("<sip:691@127.0.0.1:" + phone.localPort() + ";transport=tcp>");
            SipText ok = DigestRegistration.register(phone, reg, "691", "secret691", "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Require")).isNull();
            assertThat(ok.header("Flow-Timer")).isNull();
        }
    }
}
