package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7616 §3.9.1: the worked example, for MD5 and SHA-256. */
class DigestAlgorithmTest {

    static final String USER = "Mufasa";
    static final String PASSWORD = "Circle of Life";
    static final String REALM = "http-auth@example.org";
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    static final String URI = "/dir/index.html";

    @Test
    void md5MatchesRfc7616Example() {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = md5.ha1(USER, REALM, PASSWORD);
        assertThat(md5.response(ha1, "GET", URI, NONCE, "00000001", CNONCE, "auth"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void sha256MatchesRfc7616Example() {
        DigestAlgorithm sha = DigestAlgorithm.SHA_256;
        String ha1 = sha.ha1(USER, REALM, PASSWORD);
        assertThat(sha.response(ha1, "GET", URI, NONCE, "00000001", CNONCE, "auth"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void missingAlgorithmMeansMd5AndUnknownOnesAreRefused() {
        assertThat(DigestAlgorithm.fromToken(null)).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken("SHA-512-256")).isEmpty();
        assertThat(DigestAlgorithm.fromToken("MD5-sess")).isEmpty();
    }
}
