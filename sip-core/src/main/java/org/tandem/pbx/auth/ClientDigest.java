package org.tandem.pbx.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.sip.header.WWWAuthenticateHeader;

/**
 * Digest authentication as a client (RFC 3261 §22.2/§22.3, RFC 7616, RFC 8760): the answer this
 * appliance gives when a server it talks to (a SIP trunk provider) challenges one of its requests.
 * MD5 and SHA-256, {@code qop=auth} when offered, else RFC 2069 style.
 */
public final class ClientDigest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientDigest() {}

    /** Whether we can answer this challenge (its algorithm is one we know). */
    public static boolean supports(WWWAuthenticateHeader challenge) {
        return "Digest".equalsIgnoreCase(challenge.getScheme())
                && DigestAlgorithm.fromToken(challenge.getAlgorithm()).isPresent();
    }

    /**
     * The value of the Authorization / Proxy-Authorization header answering {@code challenge}
     * (a WWW-Authenticate or Proxy-Authenticate header) for a request with {@code method} and
     * Request-URI {@code uri}; empty when the algorithm is not one we know.
     *
     * @param nc how many times this nonce has been used, counting this request (1 for a fresh one)
     */
    public static Optional<String> answer(
            WWWAuthenticateHeader challenge, String method, String uri, String user, String password, int nc) {
        byte[] c = new byte[8];
        RANDOM.nextBytes(c);
        return answer(challenge, method, uri, user, password, nc, HexFormat.of().formatHex(c));
    }

    /** As above with a given client nonce (tests: RFC 7616 §3.9.1). */
    static Optional<String> answer(
            WWWAuthenticateHeader challenge,
            String method,
            String uri,
            String user,
            String password,
            int nc,
            String cnonce) {
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(challenge.getAlgorithm());
        if (algorithm.isEmpty() || !"Digest".equalsIgnoreCase(challenge.getScheme())) return Optional.empty();
        DigestAlgorithm a = algorithm.get();
        String realm = challenge.getRealm() == null ? "" : challenge.getRealm();
        String nonce = challenge.getNonce() == null ? "" : challenge.getNonce();
        String ha1 = a.ha1(user, realm, password);
        String qopOffered = challenge.getQop();
        boolean auth = qopOffered != null
                && Arrays.stream(qopOffered.split(",")).anyMatch(q -> q.strip().equalsIgnoreCase("auth"));
        StringBuilder sb = new StringBuilder("Digest username=\"")
                .append(user)
                .append("\", realm=\"")
                .append(realm)
                .append("\", nonce=\"")
                .append(nonce)
                .append("\", uri=\"")
                .append(uri)
                .append('"');
        if (auth) {
            String ncText = String.format("%08x", nc);
            String response = a.response(ha1, method, uri, nonce, ncText, cnonce, "auth");
            sb.append(", response=\"")
                    .append(response)
                    .append("\", qop=auth, nc=")
                    .append(ncText)
                    .append(", cnonce=\"")
                    .append(cnonce)
                    .append('"');
        } else {
            // RFC 2069 compatibility (RFC 7616 §3.4.1 without qop): H(HA1 ":" nonce ":" H(A2))
            String ha2 = a.hash(method + ":" + uri);
            sb.append(", response=\"")
                    .append(a.hash(ha1 + ":" + nonce + ":" + ha2))
                    .append('"');
        }
        sb.append(", algorithm=").append(a.token());
        if (challenge.getOpaque() != null)
            sb.append(", opaque=\"").append(challenge.getOpaque()).append('"');
        return Optional.of(sb.toString());
    }
}
