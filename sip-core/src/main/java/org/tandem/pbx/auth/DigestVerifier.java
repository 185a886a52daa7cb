package org.tandem.pbx.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides whether a digest answer is right (RFC 7616 §3.4, RFC 3261 §22.4): the one check behind the SIP registrar
 * and proxy and the HTTP logins (provisioning, XCAP). It knows nothing of SIP or HTTP: the caller parses the
 * header into {@link DigestCredentials}, compares the digest-uri with its Request-URI or request-target (RFC 7616
 * §3.4.6: that comparison is protocol-specific) and supplies the HA1 of the user.
 *
 * <p>Order of the checks: what the answer must carry ({@link #usable}), then the nonce, then the response, then
 * the nonce count. A nonce this instance did not issue to the answering address is {@link Verdict#FOREIGN} before
 * any hash is computed, so it is neither a password oracle nor a failure (issue 22 finding 5).
 *
 * <p>Unknown users must cost exactly what known ones cost: callers that look users up give them
 * {@link #decoyHa1}, derived by HMAC from the user name (stable, so repeated attempts look the same); the response
 * is computed and compared the same way, and simply never matches.
 */
public final class DigestVerifier {

    /** Nonces whose counts are kept per period of a nonce lifetime (two periods hold every live nonce). */
    static final int MAX_COUNTED_PER_PERIOD = 250_000;

    public enum Verdict {
        /** Right credentials on a live nonce. */
        OK,
        /** Right credentials, but the nonce expired or predates a restart: re-challenge with stale=true. */
        STALE,
        /** Right credentials, but the nonce count did not increase (RFC 7616 §3.4.5 replay). */
        REPLAY,
        /** Wrong response (or unknown user): an authentication failure. */
        WRONG,
        /** Not something we can check (other realm, algorithm or qop we did not offer, missing fields). */
        UNUSABLE,
        /**
         * A nonce we did not issue to this address (made up, from before a restart, sent elsewhere, or issued
         * by another instance): the response is not even computed.
         */
        FOREIGN
    }

    /** Whether a nonce may be answered more than once with the same nonce count. */
    public enum NonceCount {
        /**
         * RFC 7616 §3.4 (nc): the count must grow with every answer that reuses a nonce, else {@link Verdict#REPLAY}
         * (SIP: a captured REGISTER must not be replayable within the nonce's lifetime).
         */
        CHECKED,
        /**
         * Not tracked (HTTP provisioning and XCAP, as they always were): a phone may send the same answer again for
         * another file; RFC 7616 §5.5 leaves how far a server goes against replays to the server, and the nonce
         * lifetime bounds it.
         */
        NOT_CHECKED
    }

    /** The realm in force, read per request: the setup wizard may change the SIP domain while we run. */
    private final Supplier<String> realm;

    private final List<DigestAlgorithm> offered;
    private final Nonces nonces;
    /** Highest nonce count seen per nonce; entries outlive the nonce's lifetime, then vanish. Null: not checked. */
    private final NonceCounts counts;

    /**
     * @param offered the algorithms challenged with, most preferred first; only these are accepted
     * @param nonces  the nonces this verifier's challenges carry (its own nonce space)
     */
    public DigestVerifier(Supplier<String> realm, List<DigestAlgorithm> offered, Nonces nonces, NonceCount nonceCount) {
        this.realm = realm;
        this.offered = List.copyOf(offered);
        this.nonces = nonces;
        this.counts = nonceCount == NonceCount.NOT_CHECKED
                ? null
                : new NonceCounts(nonces.lifetimeMs() + Duration.ofMinutes(1).toMillis(), MAX_COUNTED_PER_PERIOD);
    }

    public String realm() {
        return realm.get();
    }

    /** The algorithms challenged with, most preferred first. */
    public List<DigestAlgorithm> offered() {
        return offered;
    }

    /**
     * Whether the answer is one to a challenge of ours at all: our realm, an algorithm we offered, every field, and
     * qop=auth. RFC 7616 §3.3: we offer qop="auth" only; RFC 2069-style answers without qop cannot be protected
     * against replay, so they are not accepted. The qop value is compared without regard to case: RFC 7616 §3.3
     * writes it as an ABNF literal, and ABNF literals are case-insensitive (RFC 5234 §2.3).
     */
    public boolean usable(DigestCredentials c) {
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
        return algorithm.isPresent()
                && offered.contains(algorithm.get())
                && c.complete()
                && realm().equals(c.realm())
                && "auth".equalsIgnoreCase(c.qop());
    }

    /** {@link #verify} against a password the caller holds for {@code c.username()}. */
    public Verdict verifyPassword(DigestCredentials c, String method, String source, String password) {
        return verify(c, method, source, alg -> alg.ha1(c.username(), realm(), password));
    }

    /**
     * @param method the request's method: A2 = method ":" digest-uri (RFC 7616 §3.4.3, RFC 3261 §22.4)
     * @param source the address the request came from; the nonce must have been issued to it
     *               ({@link Nonces#ANY_ADDRESS} for nonces bound to none)
     * @param ha1    the HA1 of {@code c.username()} in our realm for an algorithm (a decoy for unknown users)
     */
    public Verdict verify(DigestCredentials c, String method, String source, Function<DigestAlgorithm, String> ha1) {
        if (!usable(c)) return Verdict.UNUSABLE;
        // First the nonce, before any hash: only an answer to a nonce we sent to this very address can be a failure
        Nonces.Verdict nonce = nonces.check(c.nonce(), source);
        if (nonce == Nonces.Verdict.FOREIGN) return Verdict.FOREIGN;
        DigestAlgorithm alg = DigestAlgorithm.fromToken(c.algorithm()).orElseThrow();
        String expected = alg.response(ha1.apply(alg), method, c.uri(), c.nonce(), c.nc(), c.cnonce(), c.qop());
        boolean match = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        // A wrong answer to an expired nonce of ours still counts: else an old nonce would be a free oracle
        if (!match) return Verdict.WRONG;
        if (nonce != Nonces.Verdict.VALID) return Verdict.STALE;
        return counts == null || acceptCount(c.nonce(), c.nc()) ? Verdict.OK : Verdict.REPLAY;
    }

    /** RFC 7616 §3.4.5: the nonce count must grow with every request that reuses a nonce. */
    private boolean acceptCount(String nonce, String ncHex) {
        long nc;
        try {
            nc = Long.parseLong(ncHex, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        return counts.accept(nonces.sequenceOf(nonce), nonces.issuedAt(nonce), nc);
    }

    /** An HA1 for a user that does not exist: stable per user and algorithm, shaped like a real one. */
    public String decoyHa1(String user, DigestAlgorithm alg) {
        byte[] mac = nonces.mac(("decoy:" + alg.token() + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac).substring(0, alg.hexLength());
    }
}
