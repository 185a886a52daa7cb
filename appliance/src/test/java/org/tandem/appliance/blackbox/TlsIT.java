package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIP over TLS (RFC 3261 §26.2) on the self-signed certificate the appliance makes at first start:
 * the server answers over TLS, a phone registers over TLS with digest, and a UDP caller reaches it on
 * the TLS connection it registered from (RFC 5626 §5.3 connection reuse; transport interworking through
 * Record-Route). SIPp here has no TLS, so the TLS phone is hand-driven.
 */
class TlsIT {

    private static final String PASSWORD = "Tls-secret-1";
    private static final Duration SIGNALLING = Duration.ofSeconds(10);

    @RegisterExtension
    // numbers (541, 542) of its own; the shared appliance has SIP over TLS (its port: sipTlsPort())
    static final TandemExtension tandem = TandemExtension.shared();

    @BeforeAll
    static void users() {
        tandem.api().createUser("541", "TLS phone", PASSWORD);
        tandem.api().createUser("542", "UDP phone", PASSWORD);
    }

    @Test
    void optionsToTheServerIsAnsweredOverTls() {
        try (RawSip tls = RawSip.open("TLS", tandem.process().sipTlsPort())) {
            SipText answer = tls.ping(Duration.ofSeconds(5));
            assertThat(answer).as("an answer over TLS").isNotNull();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Allow")).contains("INVITE", "REGISTER");
        }
    }

    @Test
    void phoneRegistersOverTlsAndAUdpCallerReachesItOnThatConnection() {
        try (RawSip phone = RawSip.open("TLS", tandem.process().sipTlsPort())) {
            register(phone, "541");
            assertThat(tandem.api().registrationsOf("541"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.get("transport").asText()).isEqualToIgnoringCase("tls"));

            Sipp.Running caller = tandem.sipp("call", "uac.xml")
                    .service("542")
                    .credentials("542", PASSWORD)
                    .key("callee", "541")
                    .timeout(Duration.ofSeconds(30))
                    .start();

            SipText invite = awaitRequest(phone, "INVITE");
            assertThat(invite.all("Record-Route"))
                    .as("the proxy stays in the path on the TLS leg")
                    .anySatisfy(rr -> assertThat(rr.toLowerCase()).contains("transport=tls"));
            String toTag = "tls" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            phone.send(answer(invite, 180, "Ringing", toTag, phone));
            phone.send(answer(invite, 200, "OK", toTag, phone));
            awaitRequest(phone, "ACK");
            SipText bye = awaitRequest(phone, "BYE");
            phone.send(answer(bye, 200, "OK", null, phone));

            caller.await().assertSuccess();
        }
    }

    /** REGISTER, 401, REGISTER with digest credentials, 200 — all on {@code phone}'s TLS connection. */
    private static void register(RawSip phone, String extension) {
        String callId =
                "tls-reg-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@127.0.0.1";
        String uri = "sip:" + TandemExtension.DOMAIN;
        SipText challenge = exchange(phone, registerRequest(phone, extension, callId, 1, null), callId);
        assertThat(challenge.status()).isEqualTo(401);
        String authorization =
                Digest.authorization(challenge.header("WWW-Authenticate"), extension, PASSWORD, "REGISTER", uri);
        SipText ok = exchange(phone, registerRequest(phone, extension, callId, 2, authorization), callId);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
    }

    private static SipText exchange(RawSip phone, String request, String callId) {
        phone.send(request);
        List<SipText> got =
                phone.collect(m -> m.isResponse() && callId.equals(m.callId()) && m.status() >= 200, SIGNALLING);
        assertThat(got)
                .as("a final answer to " + request.lines().findFirst().orElse(""))
                .anyMatch(m -> m.isResponse() && m.status() >= 200);
        return got.get(got.size() - 1);
    }

    private static String registerRequest(RawSip phone, String ext, String callId, int cseq, String authorization) {
        String branch =
                "z9hG4bK-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "REGISTER sip:" + TandemExtension.DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS " + phone.localAddress() + ":" + phone.localPort() + ";branch=" + branch
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + ext + "@" + TandemExtension.DOMAIN + ">;tag=reg" + ext + "\r\n"
                + "To: <sip:" + ext + "@" + TandemExtension.DOMAIN + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + ext + "@" + phone.localAddress() + ":" + phone.localPort() + ";transport=tls>\r\n"
                + "Expires: 600\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "User-Agent: tandem-tls-test\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static SipText awaitRequest(RawSip phone, String method) {
        List<SipText> got = phone.collect(m -> !m.isResponse() && method.equals(m.method()), SIGNALLING);
        assertThat(got)
                .as(method + " reaches the TLS phone")
                .anyMatch(m -> !m.isResponse() && method.equals(m.method()));
        return got.stream()
                .filter(m -> !m.isResponse() && method.equals(m.method()))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    /** A UAS response (RFC 3261 §8.2.6): Vias, From, Call-ID, CSeq and Record-Route copied; To tagged. */
    private static String answer(SipText request, int status, String reason, String toTag, RawSip phone) {
        StringBuilder r = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        request.all("Via").forEach(v -> r.append("Via: ").append(v).append("\r\n"));
        r.append("From: ").append(request.header("From")).append("\r\n");
        String to = request.header("To");
        r.append("To: ")
                .append(toTag == null || to.contains(";tag=") ? to : to + ";tag=" + toTag)
                .append("\r\n");
        r.append("Call-ID: ").append(request.callId()).append("\r\n");
        r.append("CSeq: ").append(request.header("CSeq")).append("\r\n");
        if (status > 100 && status < 300 && "INVITE".equals(request.method())) {
            request.all("Record-Route")
                    .forEach(rr -> r.append("Record-Route: ").append(rr).append("\r\n"));
            r.append("Contact: <sip:541@")
                    .append(phone.localAddress())
                    .append(":")
                    .append(phone.localPort())
                    .append(";transport=tls>\r\n");
        }
        String body = status == 200 && "INVITE".equals(request.method())
                ? "v=0\r\no=tls 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                : "";
        if (!body.isEmpty()) r.append("Content-Type: application/sdp\r\n");
        r.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return r.toString();
    }
}
