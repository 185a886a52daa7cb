package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestVerifier.NonceCount;
import org.tandem.pbx.auth.DigestVerifier.Verdict;
import org.tandem.pbx.testsupport.MutableClock;

class DigestVerifierTest {

    static final String REALM = "tandem.test";
    static final String URI = "sip:tandem.test";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final Nonces nonces = new Nonces(new byte[32], clock, Duration.ofMinutes(5));
    final Map<String, String> secrets = new HashMap<>(Map.of("101", "s3cret-101"));
    final DigestVerifier verifier = new DigestVerifier(
            () -> REALM, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), nonces, NonceCount.CHECKED);

    /** As the SIP side calls it: the user's HA1 from their secret, a decoy for unknown users. */
    Verdict verify(DigestVerifier v, DigestCredentials c, String method) {
        return v.verify(
                c,
                method,
                Nonces.ANY_ADDRESS,
                alg -> Optional.ofNullable(secrets.get(c.username()))
                        .map(secret -> alg.ha1(c.username(), REALM, secret))
                        .orElseGet(() -> v.decoyHa1(c.username(), alg)));
    }

    Verdict verify(DigestCredentials c, String method) {
        return verify(verifier, c, method);
    }

    static DigestCredentials answer(DigestAlgorithm alg, String user, String password, String nonce, int nc) {
        String ncHex = String.format("%08x", nc);
        String response = alg.response(alg.ha1(user, REALM, password), "REGISTER", URI, nonce, ncHex, "cn", "auth");
        return new DigestCredentials(user, REALM, nonce, URI, response, alg.token(), "auth", ncHex, "cn");
    }

    @Test
    void rightAnswersAreAcceptedWithEitherAlgorithm() {
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.OK);
        assertThat(verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void wrongPasswordAndUnknownUserFailTheSameWay() {
        assertThat(verify(answer(DigestAlgorithm.MD5, "101", "wrong", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.WRONG);
        assertThat(verify(answer(DigestAlgorithm.MD5, "999", "anything", nonces.issue(), 1), "REGISTER"))
                .isEqualTo(Verdict.WRONG);
        // the decoy HA1 is stable per user and algorithm, shaped like a real one
        assertThat(verifier.decoyHa1("999", DigestAlgorithm.SHA_256))
                .hasSize(64)
                .isEqualTo(verifier.decoyHa1("999", DigestAlgorithm.SHA_256));
        assertThat(verifier.decoyHa1("999", DigestAlgorithm.MD5)).hasSize(32);
    }

    @Test
    void methodIsPartOfTheAnswer() {
        assertThat(verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1), "INVITE"))
                .isEqualTo(Verdict.WRONG);
    }

    @Test
    void rightAnswerOnExpiredNonceIsStaleButWrongOneStaysWrong() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonce, 1), "REGISTER"))
                .isEqualTo(Verdict.STALE);
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "101", "bad", nonce, 1), "REGISTER"))
                .isEqualTo(Verdict.WRONG);
    }

    @Test
    void nonceCountMustIncrease() {
        String nonce = nonces.issue();
        assertThat(verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonce, 1), "REGISTER"))
                .isEqualTo(Verdict.OK);
        assertThat(verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonce, 1), "REGISTER"))
                .isEqualTo(Verdict.REPLAY);
        assertThat(verify(answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonce, 2), "REGISTER"))
                .isEqualTo(Verdict.OK);
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonce, 2), "REGISTER"))
                .isEqualTo(Verdict.REPLAY);
        assertThat(verify(answer(DigestAlgorithm.SHA_256, "101", "s3cret-101", nonce, 3), "REGISTER"))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void otherRealmsMissingQopAndAlgorithmsNotOfferedAreUnusable() {
        DigestCredentials ok = answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1);
        assertThat(verify(
                        new DigestCredentials(
                                ok.username(),
                                "elsewhere",
                                ok.nonce(),
                                ok.uri(),
                                ok.response(),
                                ok.algorithm(),
                                ok.qop(),
                                ok.nc(),
                                ok.cnonce()),
                        "REGISTER"))
                .isEqualTo(Verdict.UNUSABLE);
        assertThat(verify(
                        new DigestCredentials(
                                ok.username(),
                                REALM,
                                ok.nonce(),
                                ok.uri(),
                                ok.response(),
                                ok.algorithm(),
                                null,
                                ok.nc(),
                                ok.cnonce()),
                        "REGISTER"))
                .isEqualTo(Verdict.UNUSABLE);
        DigestVerifier shaOnly =
                new DigestVerifier(() -> REALM, List.of(DigestAlgorithm.SHA_256), nonces, NonceCount.CHECKED);
        assertThat(verify(shaOnly, ok, "REGISTER")).isEqualTo(Verdict.UNUSABLE);
    }

    /**
     * HTTP (provisioning, XCAP) never tracked nonce counts: a phone that sends the same answer again (the same nonce,
     * nc and cnonce, for the next file) is served. RFC 7616 §5.5 leaves replay protection to the server; SIP keeps it.
     */
    @Test
    void withoutNonceCountsTheSameAnswerIsAcceptedAgain() {
        DigestVerifier http = new DigestVerifier(
                () -> REALM, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), nonces, NonceCount.NOT_CHECKED);
        DigestCredentials again = answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1);
        assertThat(http.verifyPassword(again, "REGISTER", Nonces.ANY_ADDRESS, "s3cret-101"))
                .isEqualTo(Verdict.OK);
        assertThat(http.verifyPassword(again, "REGISTER", Nonces.ANY_ADDRESS, "s3cret-101"))
                .isEqualTo(Verdict.OK);
        assertThat(http.verifyPassword(again, "REGISTER", Nonces.ANY_ADDRESS, "other"))
                .isEqualTo(Verdict.WRONG);
        assertThat(verify(again, "REGISTER")).isEqualTo(Verdict.OK);
        assertThat(verify(again, "REGISTER")).as("with counts checked").isEqualTo(Verdict.REPLAY);
    }

    /**
     * RFC 7616 §3.3 writes qop-options as ABNF literals, and ABNF literals are case-insensitive (RFC 5234 §2.3): SIP
     * always took "AUTH"; HTTP used to refuse it, and now shares the one check.
     */
    @Test
    void qopIsComparedWithoutRegardToCase() {
        DigestCredentials ok = answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue(), 1);
        String ncHex = ok.nc();
        String response = DigestAlgorithm.MD5.response(
                DigestAlgorithm.MD5.ha1("101", REALM, "s3cret-101"), "REGISTER", URI, ok.nonce(), ncHex, "cn", "AUTH");
        assertThat(verify(
                        new DigestCredentials("101", REALM, ok.nonce(), URI, response, "MD5", "AUTH", ncHex, "cn"),
                        "REGISTER"))
                .isEqualTo(Verdict.OK);
        assertThat(verify(
                        new DigestCredentials("101", REALM, ok.nonce(), URI, response, "MD5", "auth-int", ncHex, "cn"),
                        "REGISTER"))
                .isEqualTo(Verdict.UNUSABLE);
    }

    /**
     * One class, separate nonce spaces: a nonce from another instance (another key: HTTP provisioning, XCAP) is
     * FOREIGN here, and so is a nonce bound to an address when presented from another or from none (RFC 7616 §5.5).
     */
    @Test
    void noncesOfAnotherInstanceOrAddressAreForeign() {
        Nonces http = Nonces.withFreshKey(clock, Duration.ofMinutes(5));
        assertThat(verify(
                        answer(DigestAlgorithm.MD5, "101", "s3cret-101", http.issue(Nonces.ANY_ADDRESS), 1),
                        "REGISTER"))
                .isEqualTo(Verdict.FOREIGN);
        DigestCredentials bound = answer(DigestAlgorithm.MD5, "101", "s3cret-101", nonces.issue("192.0.2.7"), 1);
        assertThat(verifier.verifyPassword(bound, "REGISTER", Nonces.ANY_ADDRESS, "s3cret-101"))
                .isEqualTo(Verdict.FOREIGN);
        assertThat(verifier.verifyPassword(bound, "REGISTER", "192.0.2.8", "s3cret-101"))
                .isEqualTo(Verdict.FOREIGN);
        assertThat(verifier.verifyPassword(bound, "REGISTER", "192.0.2.7", "s3cret-101"))
                .isEqualTo(Verdict.OK);
    }
}
