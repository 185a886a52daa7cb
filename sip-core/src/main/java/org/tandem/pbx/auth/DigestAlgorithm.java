package org.tandem.pbx.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.tandem.pbx.security.Digests;

/**
 * The digest algorithms we offer (RFC 8760 §2: SHA-256 preferred, MD5 kept for the many phones that know nothing
 * else) and the digest arithmetic of RFC 7616 §3.4, shared by every side that computes it: the SIP registrar and
 * proxy (RFC 3261 §22.4), our SIP client side ({@link ClientDigest}) and the phones' HTTP provisioning login. The
 * "-sess" variants are not offered, so they are not accepted either.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The value of the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    /**
     * RFC 7616 §3.4: a missing algorithm parameter means MD5 (RFC 2617 clients, most SIP phones).
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isEmpty()) return Optional.of(MD5);
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) return Optional.of(a);
        }
        return Optional.empty();
    }

    /** H(data) as lower-case hex (RFC 7616 §3.4.1). */
    public String hash(String data) {
        return HexFormat.of().formatHex(Digests.digest(jcaName, data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Length of a hex digest of this algorithm. */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }

    /** RFC 7616 §3.4.2: A1 = username ":" realm ":" passwd. */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }

    /**
     * RFC 7616 §3.4.1 with qop=auth: response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2)),
     * A2 = method ":" digest-uri (§3.4.3). In SIP the method is the request's (RFC 3261 §22.4).
     */
    public String response(
            String ha1, String method, String digestUri, String nonce, String nc, String cnonce, String qop) {
        String ha2 = hash(method + ":" + digestUri);
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
