package org.tandem.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.auth.DigestAlgorithm;

class HttpDigestTest {

    static final String REALM = "Tandem provisioning";
    static final String URI = "/prov/a/001565aa0001.cfg";

    /** RFC 7616 §3.4.1 with qop=auth, A1 = {@code user:realm:password}, A2 = {@code method:uri}, as a phone computes it. */
    static String response(
            DigestAlgorithm algorithm,
            String user,
            String realm,
            String password,
            String method,
            String uri,
            String nonce,
            String nc,
            String cnonce) {
        return algorithm.response(algorithm.ha1(user, realm, password), method, uri, nonce, nc, cnonce, "auth");
    }

    /** The worked example of RFC 7616 §3.9.1 (user Mufasa, password "Circle of Life"), both algorithms. */
    @Test
    void theRfcExampleResponsesAreComputed() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(response(
                        DigestAlgorithm.MD5,
                        "Mufasa",
                        "http-auth@example.org",
                        "Circle of Life",
                        "GET",
                        "/dir/index.html",
                        nonce,
                        "00000001",
                        cnonce))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(response(
                        DigestAlgorithm.SHA_256,
                        "Mufasa",
                        "http-auth@example.org",
                        "Circle of Life",
                        "GET",
                        "/dir/index.html",
                        nonce,
                        "00000001",
                        cnonce))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    private static String nonceOf(String challenge) {
        return HttpDigest.parameters(challenge.substring(7)).get("nonce");
    }

    private static String answer(String algorithm, String nonce, String password, String uri) {
        String response = response(
                DigestAlgorithm.fromToken(algorithm).orElseThrow(),
                "001565aa0001",
                REALM,
                password,
                "GET",
                uri,
                nonce,
                "00000001",
                "c0ffee");
        return "Digest username=\"001565aa0001\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", qop=auth, nc=00000001, cnonce=\"c0ffee\", response=\"" + response
                + "\"";
    }

    @Test
    void anAnswerToItsOwnChallengeProvesThePasswordAndNothingElse() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T09:00:00Z"));
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        HttpDigest digest = new HttpDigest(REALM, clock);
        assertThat(digest.challenges(false))
                .hasSize(2)
                .first()
                .asString()
                .startsWith("Digest realm=\"Tandem provisioning\", qop=\"auth\", algorithm=SHA-256, nonce=");
        String nonce = nonceOf(digest.challenges(false).get(0));

        for (String algorithm : new String[] {"SHA-256", "MD5"}) {
            PhoneCredentials c = digest.credentials(answer(algorithm, nonce, "prov-pass", URI), "GET", URI)
                    .orElseThrow();
            assertThat(c.user()).isEqualTo("001565aa0001");
            assertThat(c.proves("prov-pass")).isTrue();
            assertThat(c.proves("other-pass")).isFalse();
        }
        // answered for another file, a nonce it did not make, another realm
        assertThat(digest.credentials(answer("SHA-256", nonce, "prov-pass", URI), "GET", "/prov/a/other.cfg"))
                .isEmpty();
        assertThat(digest.credentials(answer("SHA-256", "bm90LW91cnM6MTIz", "prov-pass", URI), "GET", URI))
                .isEmpty();
        assertThat(digest.credentials(
                        answer("SHA-256", nonce, "prov-pass", URI).replace(REALM, "elsewhere"), "GET", URI))
                .isEmpty();
        assertThat(new HttpDigest(REALM, clock).credentials(answer("MD5", nonce, "prov-pass", URI), "GET", URI))
                .as("another start's key")
                .isEmpty();

        now.set(now.get().plusSeconds(HttpDigest.NONCE_LIFETIME_SECONDS + 1));
        PhoneCredentials late = digest.credentials(answer("SHA-256", nonce, "prov-pass", URI), "GET", URI)
                .orElseThrow();
        assertThat(late.stale()).isTrue();
        assertThat(late.proves("prov-pass")).as("a stale nonce proves nothing").isFalse();
        assertThat(digest.challenges(true).get(0)).endsWith(", stale=true");
    }

    /**
     * What HTTP kept when it moved onto pbx-core's verifier: no nonce-count tracking (a phone may send the same answer
     * again for its next file, as the provisioning contract test does; RFC 7616 §5.5 leaves replay protection to the
     * server), the request-target compared as sent, query included (RFC 7616 §3.4.6), and a nonce of this instance
     * only. New from the shared check: qop is compared without regard to case (an ABNF literal, RFC 5234 §2.3).
     */
    @Test
    void theSameAnswerServesAgainAndTheUriMustBeTheRequestTargetAsSent() {
        HttpDigest digest = new HttpDigest(REALM, Clock.systemUTC());
        String nonce = nonceOf(digest.challenges(false).get(1));
        String answer = answer("MD5", nonce, "prov-pass", URI);
        assertThat(digest.credentials(answer, "GET", URI).orElseThrow().proves("prov-pass"))
                .isTrue();
        assertThat(digest.credentials(answer, "GET", URI).orElseThrow().proves("prov-pass"))
                .as("same nc again")
                .isTrue();
        assertThat(digest.credentials(answer, "POST", URI).orElseThrow().proves("prov-pass"))
                .as("method in A2")
                .isFalse();

        String withQuery = URI + "?mac=001565aa0001";
        assertThat(digest.credentials(answer("SHA-256", nonce, "prov-pass", URI), "GET", withQuery))
                .isEmpty();
        assertThat(digest.credentials(answer("SHA-256", nonce, "prov-pass", withQuery), "GET", withQuery)
                        .orElseThrow()
                        .proves("prov-pass"))
                .isTrue();

        String upper = answer.replace("qop=auth", "qop=AUTH")
                .replaceAll(
                        "response=\"[0-9a-f]+\"",
                        "response=\""
                                + DigestAlgorithm.MD5.response(
                                        DigestAlgorithm.MD5.ha1("001565aa0001", REALM, "prov-pass"),
                                        "GET",
                                        URI,
                                        nonce,
                                        "00000001",
                                        "c0ffee",
                                        "AUTH")
                                + "\"");
        assertThat(digest.credentials(upper, "GET", URI).orElseThrow().proves("prov-pass"))
                .isTrue();
        assertThat(digest.credentials(answer.replace("qop=auth", "qop=auth-int"), "GET", URI))
                .isEmpty();
        assertThat(digest.credentials(answer.replace(", algorithm=MD5", ""), "GET", URI)
                        .orElseThrow()
                        .proves("prov-pass"))
                .as("no algorithm means MD5 (RFC 7616 §3.4)")
                .isTrue();
    }
}
