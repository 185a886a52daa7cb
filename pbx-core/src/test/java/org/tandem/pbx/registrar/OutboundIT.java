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
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
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
        pbx.bean(UserDirectory.class).create(new UserDraft("693", "Two flows", "secret693", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("694", "Caller", "secret694", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("695", "Failover", "secret695", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("696", "One flow", "secret696", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("697", "Plain TCP", "secret697", null));
        pbx.bean(UserDirectory.class).create(new UserDraft("698", "Plain TCP behind NAT", "secret698", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void aRegistrationThatAsksForOutboundGetsRequireAndFlowTimerAndItsPingsArePonged() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("691")
                    .transport("TCP")
                    .header("Supported: outbound, path")
                    .contact("<sip:691@192.168.1.100:5090;transport=tcp;ob>;reg-id=1;"
                            + "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
            SipText ok = DigestRegistration.register(phone, reg, "691", "secret691", "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Require")).isEqualTo("outbound");
            assertThat(ok.header("Flow-Timer")).isEqualTo("600");

            int before = phone.crlfsSeen();
            phone.send("\r\n\r\n"); // RFC 5626 §4.4.1 / §3.5.1: ping
            Awaitility.await("a CRLF pong")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        phone.next(Duration.ofMillis(100));
                        return phone.crlfsSeen() > before;
                    });
        }
    }

    @Test
    void aPlainRegistrationGetsNeither() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("691")
                    .transport("TCP")
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
        try (TcpSipPeer older = new TcpSipPeer(pbx.sipPort());
                TcpSipPeer newer = new TcpSipPeer(pbx.sipPort());
                RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "694", "secret694")) {
            for (var flow : java.util.List.of(Map.entry(older, 1), Map.entry(newer, 2))) {
                RegisterMessage reg = new RegisterMessage(
                                pbx.sipPort(), flow.getKey().localPort())
                        .user("693")
                        .transport("TCP")
                        .header("Supported: outbound")
                        .contact("<sip:693@192.168.1.101:" + (5088 + 2 * flow.getValue()) + ";transport=tcp;ob>;reg-id="
                                + flow.getValue() + instance);
                assertThat(DigestRegistration.register(flow.getKey(), reg, "693", "secret693", "MD5")
                                .status())
                        .isEqualTo(200);
            }
            caller.invite("693");
            SipText rung = newer.next(Duration.ofSeconds(5));
            assertThat(rung).as("the INVITE on the newest flow").isNotNull();
            assertThat(rung.startLine()).startsWith("INVITE ");
            SipText twice = older.next(Duration.ofSeconds(2));
            assertThat(twice == null ? null : twice.startLine())
                    .as("the older flow of the same phone")
                    .isNull();
        }
    }

    /**
     * RFC 5626 §5.3: when the connection of a phone's newest flow closes, a call rings the phone on its other flow
     * (the proxy replaces the failed flow by another of the same instance-id) instead of opening a connection to the
     * port the phone connected from.
     */
    @Test
    void aPhoneWhoseNewestFlowClosedIsRungOnItsOtherFlow() {
        String instance = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E130>\"";
        try (TcpSipPeer older = new TcpSipPeer(pbx.sipPort());
                RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "694", "secret694")) {
            TcpSipPeer newer = new TcpSipPeer(pbx.sipPort());
            registerFlow(older, "695", 1, instance);
            registerFlow(newer, "695", 2, instance);
            int newerPort = newer.localPort();
            newer.close();
            awaitClosed(newerPort);

            RawPhone.Leg leg = caller.invite("695");
            SipText rung = older.next(Duration.ofSeconds(5));
            assertThat(rung).as("the INVITE on the flow still open").isNotNull();
            assertThat(rung.startLine()).startsWith("INVITE sip:695@192.168.1.101:5090");
            caller.cancel(leg);
            caller.ackFailure(leg, caller.response(leg, 487));
        }
    }

    /**
     * RFC 5626 §5.3: a request routed by our Record-Route to a phone's flow whose connection has closed is answered
     * 430 (Flow Failed), and a phone whose only flow closed is not rung (its calls go to voicemail) until it registers
     * again.
     */
    @Test
    void anInDialogRequestToAClosedFlowGets430AndANewCallGoesToVoicemail() {
        String instance = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E131>\"";
        try (RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "694", "secret694")) {
            TcpSipPeer phone = new TcpSipPeer(pbx.sipPort());
            registerFlow(phone, "696", 1, instance);
            RawPhone.Leg leg = caller.invite("696");
            SipText invite = phone.next(Duration.ofSeconds(5));
            assertThat(invite).as("the INVITE on the phone's flow").isNotNull();
            phone.send(
                    answer(
                            invite,
                            "200 OK",
                            "<sip:phone@192.168.1.102:5090;transport=tcp;ob>",
                            "v=0\r\no=- 1 1 IN IP4 192.168.1.102\r\ns=-\r\n"
                                    + "c=IN IP4 192.168.1.102\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"));
            caller.answered(leg);
            int port = phone.localPort();
            phone.close();
            awaitClosed(port);

            SipText bye = caller.inDialog(leg, "BYE");
            assertThat(bye.status()).as(bye::toString).isEqualTo(430);
            assertThat(bye.startLine()).contains("Flow Failed");

            // not reachable: the call takes the user's "not registered" way, to voicemail (answered by us)
            RawPhone.Leg again = caller.invite("696");
            SipText voicemail =
                    caller.answered(again, Duration.ofSeconds(30)); // a media session starts: slow when busy
            assertThat(voicemail.header("Contact"))
                    .as("answered by the appliance, not the dead flow")
                    .contains("sip:tandem@");
            assertThat(caller.inDialog(again, "BYE").status()).isEqualTo(200);
        }
    }

    /**
     * A phone without RFC 5626 outbound, not behind NAT (its Contact is the address its connection came from), whose
     * connection closed: a BYE to it goes on a new connection to its Contact (RFC 3261 §18.1.1), where it listens,
     * and its 200 comes back to the caller — no 430, which only an outbound flow gets.
     */
    @Test
    void aPlainTcpPhoneWhoseConnectionClosedGetsTheByeOnANewConnectionToItsContact() throws Exception {
        try (java.net.ServerSocket listening =
                        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
                RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "694", "secret694")) {
            String contact = "<sip:697@127.0.0.1:" + listening.getLocalPort() + ";transport=tcp>";
            TcpSipPeer phone = new TcpSipPeer(pbx.sipPort());
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("697")
                    .transport("TCP")
                    .contact(contact);
            assertThat(DigestRegistration.register(phone, reg, "697", "secret697", "MD5")
                            .status())
                    .isEqualTo(200);
            RawPhone.Leg leg = caller.invite("697");
            SipText invite = phone.next(Duration.ofSeconds(5));
            assertThat(invite).as("the INVITE on the phone's connection").isNotNull();
            phone.send(answer(invite, "200 OK", contact, SDP));
            caller.answered(leg);
            SipText ack = phone.next(Duration.ofSeconds(5));
            assertThat(ack == null ? null : ack.startLine())
                    .as("the ACK on the phone's connection")
                    .startsWith("ACK ");
            int port = phone.localPort();
            phone.close();
            awaitClosed(port);

            java.util.concurrent.CompletableFuture<SipText> byeAnswer =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> caller.inDialog(leg, "BYE"));
            try (TcpSipPeer reopened = TcpSipPeer.accept(listening, Duration.ofSeconds(5))) {
                assertThat(reopened)
                        .as("a new connection to the phone's Contact")
                        .isNotNull();
                SipText bye = reopened.next(Duration.ofSeconds(5));
                assertThat(bye).isNotNull();
                assertThat(bye.startLine()).startsWith("BYE sip:697@127.0.0.1:" + listening.getLocalPort());
                reopened.send(reply(bye, "200 OK"));
                assertThat(byeAnswer
                                .get(10, java.util.concurrent.TimeUnit.SECONDS)
                                .status())
                        .isEqualTo(200);
            }
        }
    }

    /**
     * A phone without outbound behind NAT (its Contact is private) cannot be reached once its connection closed: a
     * BYE to it is answered 480 at once, not 430 (it has no outbound flow to replace) nor a connection attempt.
     */
    @Test
    void aPlainTcpPhoneBehindNatWhoseConnectionClosedIsTemporarilyUnavailable() {
        try (RawPhone caller = new RawPhone(pbx.sipPort(), PbxTestContext.DOMAIN, "694", "secret694")) {
            String contact = "<sip:698@192.168.1.104:5090;transport=tcp>";
            TcpSipPeer phone = new TcpSipPeer(pbx.sipPort());
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("698")
                    .transport("TCP")
                    .contact(contact);
            assertThat(DigestRegistration.register(phone, reg, "698", "secret698", "MD5")
                            .status())
                    .isEqualTo(200);
            RawPhone.Leg leg = caller.invite("698");
            SipText invite = phone.next(Duration.ofSeconds(5));
            assertThat(invite).as("the INVITE on the phone's connection").isNotNull();
            phone.send(answer(invite, "200 OK", contact, SDP));
            caller.answered(leg);
            SipText ack = phone.next(Duration.ofSeconds(5));
            assertThat(ack == null ? null : ack.startLine())
                    .as("the ACK on the phone's connection")
                    .startsWith("ACK ");
            int port = phone.localPort();
            phone.close();
            awaitClosed(port);

            SipText bye = caller.inDialog(leg, "BYE");
            assertThat(bye.status()).as(bye::toString).isEqualTo(480);
        }
    }

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    /** The phone's answer to an in-dialog request: its Via, From, To, Call-ID and CSeq, no body. */
    private static String reply(SipText request, String status) {
        StringBuilder sb = new StringBuilder("SIP/2.0 " + status + "\r\n");
        for (String v : request.headers("Via")) sb.append("Via: ").append(v).append("\r\n");
        return sb.append("From: ")
                .append(request.header("From"))
                .append("\r\n")
                .append("To: ")
                .append(request.header("To"))
                .append("\r\n")
                .append("Call-ID: ")
                .append(request.header("Call-ID"))
                .append("\r\n")
                .append("CSeq: ")
                .append(request.header("CSeq"))
                .append("\r\nContent-Length: 0\r\n\r\n")
                .toString();
    }

    private static void registerFlow(TcpSipPeer flow, String user, int regId, String instance) {
        RegisterMessage reg = new RegisterMessage(pbx.sipPort(), flow.localPort())
                .user(user)
                .transport("TCP")
                .header("Supported: outbound")
                .contact("<sip:" + user + "@192.168.1.101:" + (5088 + 2 * regId) + ";transport=tcp;ob>;reg-id=" + regId
                        + instance);
        assertThat(DigestRegistration.register(flow, reg, user, "secret" + user, "MD5")
                        .status())
                .isEqualTo(200);
    }

    /** The appliance has seen the connection from {@code port} close (its end of the flow). */
    private static void awaitClosed(int port) {
        Awaitility.await("the appliance notices the closed connection")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !pbx.bean(SipTransports.class).connectionOpen("tcp", "127.0.0.1", port));
    }

    /** A response of the phone to {@code request}, with a To tag and {@code sdp}. */
    private static String answer(SipText request, String status, String contact, String sdp) {
        StringBuilder sb = new StringBuilder("SIP/2.0 " + status + "\r\n");
        for (String v : request.headers("Via")) sb.append("Via: ").append(v).append("\r\n");
        for (String r : request.headers("Record-Route"))
            sb.append("Record-Route: ").append(r).append("\r\n");
        sb.append("From: ")
                .append(request.header("From"))
                .append("\r\n")
                .append("To: ")
                .append(request.header("To"))
                .append(";tag=flow1\r\n")
                .append("Call-ID: ")
                .append(request.header("Call-ID"))
                .append("\r\n")
                .append("CSeq: ")
                .append(request.header("CSeq"))
                .append("\r\n")
                .append("Contact: ")
                .append(contact)
                .append("\r\n");
        return sb.append("Content-Type: application/sdp\r\nContent-Length: ")
                .append(sdp.length())
                .append("\r\n\r\n")
                .append(sdp)
                .toString();
    }
}
