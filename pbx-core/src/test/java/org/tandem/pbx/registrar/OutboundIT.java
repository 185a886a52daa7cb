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
import org.tandem.pbx.testsupport.RawPhone;
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
        pbx.bean(UserDirectory.class).create(new UserDraft("693", "Two flows", "secret693", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("694", "Caller", "secret694", null));
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

    /**
     * RFC 5626 §5.3: a phone that keeps two flows (reg-id 1 and 2 of one +sip.instance) is one target: a call rings it
     * on its newest flow only, not twice; the older flow stands by.
     */
    @Test
    void aPhoneWithTwoFlowsIsRungOnceOnItsNewestFlow() {
        String instance = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E129>\"";
        try (TcpSipPeer older = new TcpSipPeer(pbx.sipPort()); TcpSipPeer newer = new TcpSipPeer(pbx.sipPort());
             RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "694", "secret694")) {
            for (var flow : java.util.List.of(Map.entry(older, 1), Map.entry(newer, 2))) {
                RegisterMessage reg = new RegisterMessage(pbx.sipPort(), flow.getKey().localPort()).user("693")
                        .transport("TCP").header("Supported: outbound")
                        .contact("<sip:693@192.168.1.101:" + (5088 + 2 * flow.getValue()) + ";transport=tcp;ob>;reg-id="
                                + flow.getValue() + instance);
                assertThat(DigestRegistration.register(flow.getKey(), reg, "693", "secret693", "MD5").status())
                        .isEqualTo(200);
            }
            caller.invite("693");
            SipText rung = newer.next(Duration.ofSeconds(5));
            assertThat(rung).as("the INVITE on the newest flow").isNotNull();
            assertThat(rung.startLine()).startsWith("INVITE ");
            SipText twice = older.next(Duration.ofSeconds(2));
            assertThat(twice == null ? null : twice.startLine()).as("the older flow of the same phone").isNull();
        }
    }
}
