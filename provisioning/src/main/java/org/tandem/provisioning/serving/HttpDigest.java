package org.tandem.provisioning.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tandem.pbx.auth.DigestAlgorithm;

/**
 * HTTP Digest access authentication (RFC 7616) for phones that log in to {@code /prov/} with their MAC and
 * provisioning password: challenges offering SHA-256 and MD5 (§3.3, in order of preference, §3.7), and
 * the check of an {@code Authorization: Digest} answer (§3.4.1, qop=auth). Nonces carry their issue time
 * and an HMAC with a key made at start, so nothing is stored per client; a nonce older than
 * {@link #NONCE_LIFETIME_SECONDS} is stale (§3.3: the client retries with the new one).
 */
public final class HttpDigest {

    static final long NONCE_LIFETIME_SECONDS = 300;
    private static final List<DigestAlgorithm> ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    private final String realm;
    private final Clock clock;
    private final byte[] key = new byte[32];

    public HttpDigest(String realm, Clock clock) {
        this.realm = realm;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** One {@code WWW-Authenticate} value per algorithm, SHA-256 first. */
    public List<String> challenges(boolean stale) {
        String nonce = nonce(clock.instant().getEpochSecond());
        return ALGORITHMS.stream().map(a -> "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + a.token()
                + ", nonce=\"" + nonce + "\"" + (stale ? ", stale=true" : "")).toList();
    }

    /**
     * The credentials in an {@code Authorization: Digest ...} header for a request with this method and
     * request-target; empty when the header is not a digest answer this appliance asked for (a nonce it
     * did not make, another realm or URI, an unknown algorithm or qop).
     */
    public Optional<PhoneCredentials> credentials(String header, String method, String requestTarget) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) return Optional.empty();
        Map<String, String> p = parameters(header.substring(7));
        String user = p.get("username");
        String nonce = p.get("nonce");
        String response = p.get("response");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(p.get("algorithm"));
        if (user == null || nonce == null || response == null || !realm.equals(p.get("realm"))
                || !"auth".equals(p.get("qop")) || p.get("cnonce") == null || p.get("nc") == null
                || algorithm.isEmpty() || !ALGORITHMS.contains(algorithm.get()) || !requestTarget.equals(p.get("uri"))) {
            return Optional.empty();
        }
        Optional<Long> issued = issuedAt(nonce);
        if (issued.isEmpty()) return Optional.empty();
        boolean stale = clock.instant().getEpochSecond() - issued.get() > NONCE_LIFETIME_SECONDS;
        return Optional.of(new PhoneCredentials(user, "Digest", stale, password -> MessageDigest.isEqual(
                response(algorithm.get(), user, realm, password, method, p.get("uri"), nonce, p.get("nc"), p.get("cnonce"))
                        .getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))));
    }

    /** RFC 7616 §3.4.1 with qop=auth, A1 = {@code user:realm:password}, A2 = {@code method:uri}. */
    static String response(DigestAlgorithm algorithm, String user, String realm, String password, String method,
                           String uri, String nonce, String nc, String cnonce) {
        return algorithm.response(algorithm.ha1(user, realm, password), method, uri, nonce, nc, cnonce, "auth");
    }

    private String nonce(long epochSecond) {
        String time = Long.toString(epochSecond);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((time + ":" + mac(time))
                .getBytes(StandardCharsets.US_ASCII));
    }

    private Optional<Long> issuedAt(String nonce) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nonce), StandardCharsets.US_ASCII);
            int colon = decoded.indexOf(':');
            if (colon < 0) return Optional.empty();
            String time = decoded.substring(0, colon);
            if (!MessageDigest.isEqual(mac(time).getBytes(StandardCharsets.US_ASCII),
                    decoded.substring(colon + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(time));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String mac(String text) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
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
