package org.tandem.provisioning.serving;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.auth.DigestCredentials;
import org.tandem.pbx.auth.DigestVerifier;
import org.tandem.pbx.auth.Nonces;

/**
 * HTTP Digest access authentication (RFC 7616) for phones that log in to {@code /prov/} with their MAC and
 * provisioning password (and for XCAP clients with their SIP secret): the HTTP side of pbx-core's one digest
 * implementation ({@link Nonces}, {@link DigestVerifier}). This class only reads the {@code Authorization} header
 * and writes the {@code WWW-Authenticate} ones: challenges offering SHA-256 and MD5 (§3.3, in order of preference,
 * §3.7), all with {@code qop="auth"}, one nonce; an answer must name the request-target as sent, query included
 * (§3.4.6), and carry qop=auth.
 *
 * <p>Each instance is its own nonce space (its own key, made at start): a nonce of the provisioning server is no
 * good for XCAP nor for SIP, and none of theirs here. Nonces are not bound to the client's address (the TCP
 * connection proves it, and a dual-stack phone may answer over another address family) and nonce counts are not
 * tracked ({@link DigestVerifier.NonceCount#NOT_CHECKED}): a phone may send the same answer for its next file. A
 * nonce older than {@link #NONCE_LIFETIME_SECONDS} is stale (§3.3: the client retries with the new one), whatever
 * the password: the caller re-challenges before looking the device up.
 */
public final class HttpDigest {

    static final long NONCE_LIFETIME_SECONDS = 300;
    private static final List<DigestAlgorithm> ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    private final Nonces nonces;
    private final DigestVerifier verifier;

    public HttpDigest(String realm, Clock clock) {
        this.nonces = Nonces.withFreshKey(clock, Duration.ofSeconds(NONCE_LIFETIME_SECONDS));
        this.verifier = new DigestVerifier(() -> realm, ALGORITHMS, nonces, DigestVerifier.NonceCount.NOT_CHECKED);
    }

    /** One {@code WWW-Authenticate} value per algorithm, SHA-256 first. */
    public List<String> challenges(boolean stale) {
        String nonce = nonces.issue(Nonces.ANY_ADDRESS);
        return verifier.offered().stream()
                .map(a -> "Digest realm=\"" + verifier.realm() + "\", qop=\"auth\", algorithm=" + a.token()
                        + ", nonce=\"" + nonce + "\"" + (stale ? ", stale=true" : ""))
                .toList();
    }

    /**
     * The credentials in an {@code Authorization: Digest ...} header for a request with this method and
     * request-target; empty when the header is not a digest answer this appliance asked for (a nonce it
     * did not make, another realm or URI, an unknown algorithm or qop).
     */
    public Optional<PhoneCredentials> credentials(String header, String method, String requestTarget) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) return Optional.empty();
        Map<String, String> p = parameters(header.substring(7));
        DigestCredentials c = new DigestCredentials(
                p.get("username"),
                p.get("realm"),
                p.get("nonce"),
                p.get("uri"),
                p.get("response"),
                p.get("algorithm"),
                p.get("qop"),
                p.get("nc"),
                p.get("cnonce"));
        // RFC 7616 §3.4.6: the uri names the resource of the request-line; for HTTP that is the request-target as sent
        if (!verifier.usable(c) || !requestTarget.equals(c.uri())) return Optional.empty();
        Nonces.Verdict nonce = nonces.check(c.nonce(), Nonces.ANY_ADDRESS);
        if (nonce == Nonces.Verdict.FOREIGN) return Optional.empty();
        // The nonce was judged when the request came in: one that expires while the device is looked up is still live
        return Optional.of(new PhoneCredentials(c.username(), "Digest", nonce == Nonces.Verdict.EXPIRED, password -> {
            DigestVerifier.Verdict v = verifier.verifyPassword(c, method, Nonces.ANY_ADDRESS, password);
            return v == DigestVerifier.Verdict.OK || v == DigestVerifier.Verdict.STALE;
        }));
    }

    /** {@code name=value} pairs, values quoted (with \-escapes, RFC 7230 §3.2.6) or tokens. */
    public static Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',' || text.charAt(i) == '\t')) i++;
            int eq = text.indexOf('=', i);
            if (eq < 0) break;
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && text.charAt(i) == ' ') i++;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) i++;
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') value.append(text.charAt(i++));
            }
            out.put(name, value.toString().strip());
        }
        return out;
    }
}
