package org.tandem.pbx.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.AuthOutcome;
import org.tandem.pbx.auth.DigestProperties;
import org.tandem.pbx.testsupport.DigestAnswer;
import org.tandem.pbx.testsupport.SipText;

/** The authenticator with JAIN-SIP's real message classes (no stack, no sockets). */
class DigestAuthenticatorTest extends DigestAuthenticatorFixture {

    @Test
    void challengeOffersSha256ThenMd5WithQopAuthToAClientKnownToHandleIt() {
        SipText c = new SipText(rejected(auth.authenticateRegister(inbound(register("101", null, LINPHONE))))
                .toString());
        assertThat(c.status()).isEqualTo(401);
        List<String> h = c.headers("WWW-Authenticate");
        assertThat(h).hasSize(2);
        assertThat(DigestAnswer.params(h.get(0)))
                .containsEntry("algorithm", "SHA-256")
                .containsEntry("qop", "auth")
                .containsEntry("realm", REALM)
                .doesNotContainKey("stale");
        assertThat(DigestAnswer.params(h.get(1)))
                .containsEntry("algorithm", "MD5")
                .containsEntry("nonce", DigestAnswer.params(h.get(0)).get("nonce"));
        assertThat(h.get(0)).contains("qop=\"auth\"");
    }

    /**
     * Issue 22: Debian 12's baresip gives up on a 401 that lists SHA-256 at all ("Function not implemented"), and
     * SIPp reads only the first challenge: a client not known to handle SHA-256 is challenged with MD5 alone.
     */
    @Test
    void otherClientsAreChallengedWithMd5Alone() {
        for (String ua : java.util.Arrays.asList(
                BARESIP, "Yealink SIP-T46S 66.86.0.15", "Linphone/4.2.1 (belle-sip/1.6.3)", null)) {
            SipText c = new SipText(rejected(auth.authenticateRegister(inbound(register("101", null, ua))))
                    .toString());
            assertThat(c.headers("WWW-Authenticate"))
                    .as(String.valueOf(ua))
                    .singleElement()
                    .satisfies(h -> assertThat(DigestAnswer.params(h)).containsEntry("algorithm", "MD5"));
        }
    }

    @Test
    void onlyMd5ConfiguredMeansMd5ForEveryone() {
        DigestAuthenticator md5Only =
                authenticator(new DigestProperties(null, List.of("MD5"), null), u -> Optional.empty());
        SipText c = new SipText(rejected(md5Only.authenticateRegister(inbound(register("101", null, LINPHONE))))
                .toString());
        assertThat(c.headers("WWW-Authenticate")).singleElement().asString().contains("MD5");
    }

    @Test
    void rightCredentialsAuthenticateWithEitherAlgorithm() {
        for (String alg : List.of("SHA-256", "MD5")) {
            AuthOutcome o = auth.authenticateRegister(
                    inbound(register("101", answer(challengeFor("101"), alg, "101", "s3cret-101", 1))));
            assertThat(o).isEqualTo(new AuthOutcome.Authenticated("101"));
        }
    }

    @Test
    void unknownUserGetsTheSameAnswersAsAKnownOne() {
        Response knownChallenge = rejected(auth.authenticateRegister(inbound(register("101", null))));
        Response unknownChallenge = rejected(auth.authenticateRegister(inbound(register("999", null))));
        assertThat(normalised(unknownChallenge, "999")).isEqualTo(normalised(knownChallenge, "101"));

        Response wrongPassword = rejected(auth.authenticateRegister(
                inbound(register("101", answer(challengeFor("101"), "MD5", "101", "guess-1", 1)))));
        Response unknownUser = rejected(auth.authenticateRegister(
                inbound(register("999", answer(challengeFor("999"), "MD5", "999", "guess-1", 1)))));
        assertThat(wrongPassword.getStatusCode()).isEqualTo(401);
        assertThat(normalised(unknownUser, "999")).isEqualTo(normalised(wrongPassword, "101"));
        assertThat(normalised(wrongPassword, "101")).isEqualTo(normalised(knownChallenge, "101"));
    }

    @Test
    void failuresAreReportedToTheBanRegistry() {
        for (int i = 0; i < 3; i++) {
            auth.authenticateRegister(inbound(register("999", answer(challengeFor("999"), "MD5", "999", "x", 1))));
        }
        assertThat(bans.isBanned("192.0.2.7")).isTrue();
        assertThat(bans.current())
                .singleElement()
                .satisfies(b -> assertThat(b.reason()).contains("999"));
    }

    /**
     * Issue 22 finding 5: a made-up nonce costs nothing to send from a spoofed address, so it must neither count
     * towards a ban (ten spoofed UDP packets banned the trunk provider or the office) nor be checked at all: a
     * response checked against a nonce we never issued would be a free password oracle.
     */
    @Test
    void madeUpNoncesAreNotFailuresOverAnyTransport() {
        Map<String, String> madeUp = Map.of("realm", REALM, "nonce", "bWFkZS11cC1ieS1hbi1hdHRhY2tlcg");
        for (String transport : List.of("udp", "tcp")) {
            for (int i = 0; i < 10; i++) {
                Response r = rejected(auth.authenticateRegister(inbound(
                        register(
                                "101",
                                DigestAnswer.authorization(
                                        madeUp, "MD5", "101", "guess-" + i, "REGISTER", "sip:tandem.test", 1, "c" + i)),
                        "192.0.2.7",
                        transport)));
                assertThat(r.getStatusCode()).isEqualTo(401);
            }
        }
        assertThat(bans.isBanned("192.0.2.7")).isFalse();
        assertThat(bans.current()).isEmpty();
    }

    @Test
    void aMadeUpNonceGetsTheSameAnswerWhetherThePasswordIsRightOrWrong() {
        Map<String, String> madeUp = Map.of("realm", REALM, "nonce", "bWFkZS11cC1ieS1hbi1hdHRhY2tlcg");
        Response right = rejected(auth.authenticateRegister(inbound(register(
                "101",
                DigestAnswer.authorization(
                        madeUp, "MD5", "101", "s3cret-101", "REGISTER", "sip:tandem.test", 1, "c")))));
        Response wrong = rejected(auth.authenticateRegister(inbound(register(
                "101",
                DigestAnswer.authorization(madeUp, "MD5", "101", "guess", "REGISTER", "sip:tandem.test", 1, "c")))));
        assertThat(normalised(right, "101")).isEqualTo(normalised(wrong, "101"));
    }

    /** A nonce is bound to the address it was sent to: answering it from elsewhere proves no round trip. */
    @Test
    void aNonceIssuedToAnotherAddressIsNotAFailureThere() {
        for (int i = 0; i < 5; i++) {
            SipText c = challengeFor("101"); // sent to 192.0.2.7
            auth.authenticateRegister(
                    inbound(register("101", answer(c, "MD5", "101", "guess-" + i, 1)), "198.51.100.9", "udp"));
        }
        assertThat(bans.isBanned("198.51.100.9")).isFalse();
        assertThat(bans.isBanned("192.0.2.7")).isFalse();
        assertThat(bans.current()).isEmpty();
    }

    @Test
    void plainChallengesAreNotFailures() {
        for (int i = 0; i < 5; i++) challengeFor("101");
        assertThat(bans.isBanned("192.0.2.7")).isFalse();
    }

    @Test
    void expiredNonceWithRightAnswerGetsStaleChallenge() {
        SipText c = challengeFor("101");
        clock.advance(Duration.ofMinutes(6));
        Response r = rejected(
                auth.authenticateRegister(inbound(register("101", answer(c, "SHA-256", "101", "s3cret-101", 1)))));
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(new SipText(r.toString()).headers("WWW-Authenticate")).allMatch(h -> h.contains("stale=true"));
        assertThat(bans.current()).isEmpty();
    }

    @Test
    void replayedNonceCountIsRefused() {
        String a = answer(challengeFor("101"), "MD5", "101", "s3cret-101", 1);
        assertThat(auth.authenticateRegister(inbound(register("101", a))))
                .isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(rejected(auth.authenticateRegister(inbound(register("101", a))))
                        .getStatusCode())
                .isEqualTo(401);
    }

    @Test
    void credentialsOfAnotherUserThanTheAorAreForbidden() {
        String as102 = answer(challengeFor("101"), "MD5", "102", "s3cret-102", 1);
        Response r = rejected(auth.authenticateRegister(inbound(register("101", as102))));
        assertThat(r.getStatusCode()).isEqualTo(403);
    }

    @Test
    void proxiedRequestsAreChallengedWith407AndCheckedAgainstFrom() {
        Response challenge = rejected(auth.authenticateProxied(inbound(invite("sip:102@tandem.test", null, LINPHONE))));
        assertThat(challenge.getStatusCode()).isEqualTo(407);
        SipText c = new SipText(challenge.toString());
        assertThat(c.headers("Proxy-Authenticate")).hasSize(2);
        String credentials = DigestAnswer.authorization(
                DigestAnswer.challenge(c, "Proxy-Authenticate", "SHA-256"),
                "SHA-256",
                "101",
                "s3cret-101",
                "INVITE",
                "sip:102@tandem.test",
                1,
                "cn");
        Request withAuth = invite("sip:102@tandem.test", credentials, LINPHONE);
        assertThat(auth.authenticateProxied(inbound(withAuth))).isEqualTo(new AuthOutcome.Authenticated("101"));
    }
}
