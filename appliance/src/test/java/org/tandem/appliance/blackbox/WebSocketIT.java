package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.media.host.HostAddress;

/**
 * SIP over WebSocket (RFC 7118, issue 16) at {@code ws://127.0.0.1:<server.port>/ws}: a WebSocket client — the
 * JDK's, as a browser softphone would be — registers with digest on the same registrar, is called by a SIPp phone
 * over UDP on its WebSocket connection (RFC 7118 §5.2: it cannot be connected to) and calls it back, through the
 * proxy's double Record-Route (WS on one side, UDP on the other, RFC 5658). Wrong passwords over WebSocket count
 * towards a ban; plain ws:// is refused to every address but this host's, and a handshake without the {@code sip}
 * subprotocol is refused (RFC 7118 §4). HTTP listens on every address here, so that a non-loopback address of this
 * machine can try.
 */
class WebSocketIT {

    private static final String PASSWORD = "Ws-secret-1";
    private static final int MAX_FAILURES = 3;
    private static final String ATTACKER = "127.0.0.2";
    private static final Duration SIGNALLING = Duration.ofSeconds(10);
    private static final int HTTPS = FreePorts.udpAndTcp();

    @RegisterExtension
    // own appliance: HTTP on 0.0.0.0, HTTPS and ban thresholds are startup flags
    static final TandemExtension tandem = new TandemExtension(
            "--server.address=0.0.0.0",
            "--tandem.https-port=" + HTTPS,
            "--tandem.security.max-failures=" + MAX_FAILURES,
            "--tandem.security.failure-window=5m",
            "--tandem.security.ban-time=10m");

    @BeforeAll
    static void users() {
        tandem.api().createUser("601", "Browser", PASSWORD);
        tandem.api().createUser("602", "UDP phone", PASSWORD);
        tandem.api().createUser("603", "Guessed", PASSWORD);
        tandem.api().createUser("604", "Browser over WSS", PASSWORD);
    }

    private static URI wsUri() {
        return URI.create("ws://127.0.0.1:" + tandem.process().httpPort() + "/ws");
    }

    @Test
    void aUdpPhoneCallsTheWebSocketClientOnItsConnectionAndHangsUp() {
        try (WebSocketSip browser = WebSocketSip.open(wsUri())) {
            register(browser, "601", PASSWORD);
            // (a binding of an earlier test's closed connection may still be listed until it expires: it is no
            // target any more, RFC 5626 §5.3, as for TCP/TLS)
            assertThat(tandem.api().registrationsOf("601"))
                    .filteredOn(b -> b.get("contact").asText().contains(browser.invalidHost()))
                    .singleElement()
                    .satisfies(b -> assertThat(b.get("transport").asText()).isEqualToIgnoringCase("ws"));

            Sipp.Running caller = tandem.sipp("call", "uac.xml")
                    .service("602")
                    .credentials("602", PASSWORD)
                    .key("callee", "601")
                    .timeout(Duration.ofSeconds(30))
                    .start();

            SipText invite = awaitRequest(browser, "INVITE");
            assertThat(invite.header("Via")).as("our Via on the WebSocket leg").startsWith("SIP/2.0/WS ");
            assertThat(invite.all("Record-Route"))
                    .as("the proxy stays in the path, named on the WS side")
                    .anySatisfy(rr -> assertThat(rr.toLowerCase()).contains("transport=ws"))
                    .anySatisfy(rr -> assertThat(rr.toLowerCase()).contains("transport=udp"));
            String toTag = "ws" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            browser.send(answer(invite, 180, "Ringing", toTag, browser));
            browser.send(answer(invite, 200, "OK", toTag, browser));
            awaitRequest(browser, "ACK");
            SipText bye = awaitRequest(browser, "BYE");
            browser.send(answer(bye, 200, "OK", null, browser));

            caller.await().assertSuccess();
        }
    }

    @Test
    void theWebSocketClientCallsAUdpPhoneAndHangsUp() {
        int port = FreePorts.udpAndTcp();
        tandem.register("602", PASSWORD, port, Transport.UDP);
        Sipp.Running phone = tandem.sipp("call", "uas.xml")
                .localPort(port)
                .service("602")
                .timeout(Duration.ofSeconds(30))
                .start()
                .awaitListening(port, Transport.UDP);
        try (WebSocketSip browser = WebSocketSip.open(wsUri())) {
            register(browser, "601", PASSWORD);
            Dialog call = new Dialog(browser, "601", "602");

            SipText challenge = call.exchange(call.invite(null), "INVITE");
            assertThat(challenge.status()).isEqualTo(407);
            browser.send(call.ackOfFailure(challenge));
            String credentials = Digest.authorization(
                    challenge.header("Proxy-Authenticate"), "601", PASSWORD, "INVITE", call.target);
            SipText ok = call.exchange(call.invite(credentials), "INVITE");
            assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
            assertThat(ok.all("Record-Route"))
                    .anySatisfy(rr -> assertThat(rr.toLowerCase()).contains("transport=ws"));
            call.established(ok);
            browser.send(call.inDialog("ACK"));
            SipText byeAnswer = call.exchange(call.inDialog("BYE"), "BYE");
            assertThat(byeAnswer.status()).isEqualTo(200);
        }
        phone.await().assertSuccess();
    }

    @Test
    void wrongPasswordsOverWebSocketCountTowardsABan() {
        try {
            try (WebSocketSip guesser =
                    WebSocketSip.openFrom("127.0.0.1", tandem.process().httpPort(), ATTACKER)) {
                String callId = "ws-guess-"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong());
                SipText challenge = exchange(guesser, registerRequest(guesser, "603", callId, 1, null), callId);
                assertThat(challenge.status()).isEqualTo(401);
                for (int attempt = 1; attempt <= MAX_FAILURES; attempt++) {
                    String wrong = Digest.authorization(
                            challenge.header("WWW-Authenticate"),
                            "603",
                            "guess-" + attempt,
                            "REGISTER",
                            "sip:" + TandemExtension.DOMAIN);
                    SipText refused =
                            exchange(guesser, registerRequest(guesser, "603", callId, attempt + 1, wrong), callId);
                    assertThat(refused.status())
                            .as("a wrong password, attempt %d", attempt)
                            .isIn(401, 403);
                    if (refused.status() == 401) challenge = refused;
                }
            }
            assertThat(tandem.api().isBanned(ATTACKER))
                    .as(
                            "banned after %d failures over WebSocket: %s",
                            MAX_FAILURES, tandem.api().bans())
                    .isTrue();
            assertThat(tandem.api().contactsOf("603")).isEmpty();
            WebSocketSip.Handshake banned =
                    WebSocketSip.handshake("127.0.0.1", tandem.process().httpPort(), ATTACKER, "sip");
            assertThat(banned.status())
                    .as("a banned address's WebSocket handshake")
                    .isEqualTo(403);
        } finally {
            tandem.api().unban(ATTACKER);
        }
    }

    @Test
    void plainWebSocketIsOnlyForThisHostAndOnlyForSip() throws Exception {
        int http = tandem.process().httpPort();
        WebSocketSip.Handshake sip = WebSocketSip.handshake("127.0.0.1", http, null, "sip");
        assertThat(sip.status()).as(sip.head()).isEqualTo(101);
        assertThat(sip.head())
                .as("RFC 7118 §4: the subprotocol named in the answer")
                .containsIgnoringCase("Sec-WebSocket-Protocol: sip");

        WebSocketSip.Handshake other = WebSocketSip.handshake("127.0.0.1", http, null, "chat");
        assertThat(other.status()).as("a WebSocket without the sip subprotocol").isEqualTo(400);
        assertThat(other.body()).contains("Sec-WebSocket-Protocol: sip");
        assertThat(WebSocketSip.handshake("127.0.0.1", http, null, null).status())
                .isEqualTo(400);

        String lan = HostAddress.detect().current(); // the default route's (see the wss:// test below)
        assumeTrue(!"127.0.0.1".equals(lan), "this machine has no non-loopback IPv4 address");
        WebSocketSip.Handshake remote = WebSocketSip.handshake(lan, http, lan, "sip");
        assertThat(remote.status()).as("plain ws:// from %s", lan).isEqualTo(403);
        assertThat(remote.body()).contains("only for clients on this host");
    }

    /**
     * wss:// on the HTTPS port, from any address: here this machine's own LAN address when it has one — the default
     * route's, as the appliance chooses it, not the first interface listed: the NAT tests in another JVM add and remove
     * veth interfaces with addresses in this namespace, and one listed first may be gone before the connection.
     */
    @Test
    void secureWebSocketOnTheHttpsPortServesClientsFromTheNetwork() throws Exception {
        String host = HostAddress.detect().current(); // 127.0.0.1 when the host has no LAN address
        try (WebSocketSip browser = WebSocketSip.openSecure(URI.create("wss://" + host + ":" + HTTPS + "/ws"))) {
            register(browser, "604", PASSWORD);
            assertThat(tandem.api().registrationsOf("604")).singleElement().satisfies(b -> {
                assertThat(b.get("transport").asText()).isEqualToIgnoringCase("wss");
                assertThat(b.get("sourceAddress").asText()).isEqualTo(host);
            });
        }
    }

    /** REGISTER, 401, REGISTER with digest credentials, 200 — on the client's WebSocket connection. */
    static void register(WebSocketSip client, String extension, String password) {
        String callId = "ws-reg-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        SipText challenge = exchange(client, registerRequest(client, extension, callId, 1, null), callId);
        assertThat(challenge.status()).isEqualTo(401);
        String authorization = Digest.authorization(
                challenge.header("WWW-Authenticate"), extension, password, "REGISTER", "sip:" + TandemExtension.DOMAIN);
        SipText ok = exchange(client, registerRequest(client, extension, callId, 2, authorization), callId);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
    }

    static SipText exchange(WebSocketSip client, String request, String callId) {
        client.send(request);
        List<SipText> got =
                client.collect(m -> m.isResponse() && callId.equals(m.callId()) && m.status() >= 200, SIGNALLING);
        assertThat(got)
                .as("a final answer to " + request.lines().findFirst().orElse(""))
                .anyMatch(m -> m.isResponse() && callId.equals(m.callId()) && m.status() >= 200);
        return got.get(got.size() - 1);
    }

    /** RFC 7118 §5.2: Via and Contact name a {@code .invalid} host; the connection is what reaches the client. */
    static String registerRequest(WebSocketSip client, String ext, String callId, int cseq, String authorization) {
        return "REGISTER sip:" + TandemExtension.DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + client.transport() + " " + client.invalidHost() + ";branch=" + branch() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + ext + "@" + TandemExtension.DOMAIN + ">;tag=reg" + ext + "\r\n"
                + "To: <sip:" + ext + "@" + TandemExtension.DOMAIN + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + ext + "@" + client.invalidHost() + ";transport="
                + client.transport().toLowerCase() + ">;expires=600\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "User-Agent: tandem-ws-test\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String branch() {
        return "z9hG4bK-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static SipText awaitRequest(WebSocketSip client, String method) {
        List<SipText> got = client.collect(m -> !m.isResponse() && method.equals(m.method()), SIGNALLING);
        assertThat(got)
                .as(method + " reaches the WebSocket client")
                .anyMatch(m -> !m.isResponse() && method.equals(m.method()));
        return got.stream()
                .filter(m -> !m.isResponse() && method.equals(m.method()))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    /** A UAS response (RFC 3261 §8.2.6): Vias, From, Call-ID, CSeq and Record-Route copied; To tagged. */
    private static String answer(SipText request, int status, String reason, String toTag, WebSocketSip client) {
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
            r.append("Contact: <sip:601@").append(client.invalidHost()).append(";transport=ws>\r\n");
        }
        String body = status == 200 && "INVITE".equals(request.method()) ? sdp() : "";
        if (!body.isEmpty()) r.append("Content-Type: application/sdp\r\n");
        r.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return r.toString();
    }

    private static String sdp() {
        return "v=0\r\no=ws 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    /** The UAC side of one call from the WebSocket client (RFC 3261 §12.1.2, §13.2.2.4). */
    private static final class Dialog {

        final WebSocketSip client;
        final String from;
        final String target;
        final String callId =
                "ws-call-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        final String fromTag =
                "wsc" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        int cseq;
        String inviteBranch;
        String remoteTarget;
        String to;
        final List<String> routes = new ArrayList<>();

        Dialog(WebSocketSip client, String from, String to) {
            this.client = client;
            this.from = from;
            this.target = "sip:" + to + "@" + TandemExtension.DOMAIN;
            this.to = "<" + target + ">";
        }

        String invite(String proxyAuthorization) {
            inviteBranch = branch();
            String body = sdp();
            return "INVITE " + target + " SIP/2.0\r\n" + common(inviteBranch, ++cseq, "INVITE")
                    + "Contact: <sip:" + from + "@" + client.invalidHost() + ";transport=ws>\r\n"
                    + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n")
                    + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        }

        /** §17.1.1.3: the ACK of a non-2xx final response, in the INVITE's transaction. */
        String ackOfFailure(SipText failure) {
            String failedTo = failure.header("To");
            return "ACK " + target + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/WS " + client.invalidHost() + ";branch=" + inviteBranch + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + from + "@" + TandemExtension.DOMAIN + ">;tag=" + fromTag + "\r\n"
                    + "To: " + failedTo + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " ACK\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }

        /** §12.1.2: the route set is the Record-Route in reverse; the remote target the 200's Contact. */
        void established(SipText ok) {
            to = ok.header("To");
            String contact = ok.header("Contact");
            remoteTarget = contact.substring(contact.indexOf('<') + 1, contact.indexOf('>'));
            List<String> recorded = new ArrayList<>();
            for (String rr : ok.all("Record-Route")) {
                for (String one : rr.split(",(?=\\s*<)")) recorded.add(one.strip());
            }
            Collections.reverse(recorded);
            routes.addAll(recorded);
        }

        /** ACK (the INVITE's CSeq number) or BYE (the next) inside the dialog, along the route set. */
        String inDialog(String method) {
            int number = "ACK".equals(method) ? cseq : ++cseq;
            StringBuilder r = new StringBuilder(method + " " + remoteTarget + " SIP/2.0\r\n");
            r.append(common(branch(), number, method));
            routes.forEach(route -> r.append("Route: ").append(route).append("\r\n"));
            return r.append("Content-Length: 0\r\n\r\n").toString();
        }

        SipText exchange(String request, String method) {
            client.send(request);
            List<SipText> got = client.collect(
                    m -> m.isResponse()
                            && callId.equals(m.callId())
                            && m.status() >= 200
                            && m.header("CSeq").endsWith(method),
                    Duration.ofSeconds(15));
            assertThat(got)
                    .as("a final answer to " + method)
                    .anyMatch(m -> m.isResponse()
                            && m.status() >= 200
                            && m.header("CSeq").endsWith(method));
            return got.get(got.size() - 1);
        }

        private String common(String branch, int number, String method) {
            return "Via: SIP/2.0/WS " + client.invalidHost() + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + from + "@" + TandemExtension.DOMAIN + ">;tag=" + fromTag + "\r\n"
                    + "To: " + to + "\r\nCall-ID: " + callId + "\r\nCSeq: " + number + " " + method + "\r\n";
        }
    }
}
