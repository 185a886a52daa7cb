package org.tandem.pbx.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.DigestProperties;
import org.tandem.pbx.security.SecurityProperties;
import org.tandem.pbx.security.internal.FailureBans;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.MutableClock;
import org.tandem.pbx.testsupport.OfflineSipTransports;
import org.tandem.pbx.testsupport.SipText;

/**
 * The authenticator with JAIN-SIP's real message classes (no stack, no sockets), and the requests and answers its
 * tests send it.
 */
abstract class DigestAuthenticatorFixture {

    static final String REALM = "tandem.test";
    static final org.tandem.pbx.sip.LocalAddresses LOCAL = new org.tandem.pbx.sip.LocalAddresses(
            REALM,
            new org.tandem.pbx.sip.SipProperties("192.0.2.1", "", 5060, 0, null, null, 0, 0, 0, null, null),
            "192.0.2.1");
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final OfflineSipTransports sip = new OfflineSipTransports();
    final FailureBans bans =
            new FailureBans(new SecurityProperties(3, Duration.ofMinutes(1), Duration.ofMinutes(15), List.of()), clock);
    final DigestAuthenticator auth = authenticator(
            new DigestProperties(null, null, null),
            u -> Optional.ofNullable(
                    Map.of("101", "s3cret-101", "102", "s3cret-102").get(u)));

    /** An authenticator of this fixture's realm, transports, bans and clock. */
    DigestAuthenticator authenticator(DigestProperties properties, Function<String, Optional<String>> passwords) {
        return new DigestAuthenticator(
                () -> REALM, properties, passwords, sip, new SipResponder(sip), bans, clock, new byte[32], LOCAL);
    }

    static final String LINPHONE = "Linphone-Desktop/5.2.6 (debian) Linphone-SDK/5.3.97 (belle-sip/5.3.97)";
    static final String BARESIP = "baresip v1.0.0 (x86_64/linux)";

    Request register(String user, String authorization) {
        return register(user, authorization, null);
    }

    Request register(String user, String authorization, String userAgent) {
        return sip.parse("REGISTER sip:tandem.test SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-fixed;rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:" + user + "@tandem.test>;tag=ft\n"
                + "To: <sip:" + user + "@tandem.test>\n"
                + "Call-ID: fixed-call-id\n"
                + "CSeq: 2 REGISTER\n"
                + "Contact: <sip:" + user + "@192.0.2.7:5060>\n"
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\n")
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Content-Length: 0\n\n");
    }

    InboundRequest inbound(Request r) {
        return inbound(r, "192.0.2.7", "udp");
    }

    InboundRequest inbound(Request r, String source, String transport) {
        return new InboundRequest(new RequestEvent(this, null, null, r), r, source, 5060, transport);
    }

    Response rejected(AuthOutcome o) {
        assertThat(o).isInstanceOf(AuthOutcome.Rejected.class);
        return ((AuthOutcome.Rejected) o).response();
    }

    /** A challenge with both algorithms: the client is one known to handle SHA-256. */
    SipText challengeFor(String user) {
        return new SipText(rejected(auth.authenticateRegister(inbound(register(user, null, LINPHONE))))
                .toString());
    }

    String answer(SipText challenge, String alg, String user, String password, int nc) {
        return DigestAnswer.authorization(
                DigestAnswer.challenge(challenge, "WWW-Authenticate", alg),
                alg,
                user,
                password,
                "REGISTER",
                "sip:tandem.test",
                nc,
                "cnonce1");
    }

    /** Nonces differ per challenge by design; the user name is the only other difference sent. */
    static String normalised(Response r, String user) {
        return r.toString().replaceAll("nonce=\"[^\"]*\"", "nonce=\"N\"").replace(user, "USER");
    }

    Request invite(String requestUri, String proxyAuthorization) {
        return invite(requestUri, proxyAuthorization, null);
    }

    Request invite(String requestUri, String proxyAuthorization, String userAgent) {
        return sip.parse("INVITE " + requestUri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-inv\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:101@tandem.test>;tag=a\n"
                + "To: <sip:102@tandem.test>\n"
                + "Call-ID: inv-1\n"
                + "CSeq: 1 INVITE\n"
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\n")
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\n")
                + "Content-Length: 0\n\n");
    }
}
