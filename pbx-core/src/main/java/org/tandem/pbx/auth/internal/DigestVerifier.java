package org.tandem.pbx.auth.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tandem.pbx.auth.DigestAlgorithm;

/**
 * Decides whether digest credentials are right (RFC 7616 §3.4, RFC 3261 §22.4), without any SIP
 * plumbing so it can be tested against the RFC's vectors.
 *
 * <p>Unknown users cost exactly what known ones cost: their HA1 is a decoy derived by HMAC from the
 * user name (stable, so repeated attempts look the same), the response is computed and compared the
 * same way, and it simply never matches. Nothing in the answer or its timing says whether the user exists.
 */
final class DigestVerifier {

    enum Verdict {
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
         * A nonce we did not issue to this address (made up, from before a restart, or sent elsewhere): the
         * response is not even computed, so it is neither a password oracle nor a failure (issue 22 finding 5).
         */
        FOREIGN
    }

    private record Ha1Key(String user, String realm, DigestAlgorithm algorithm) {
    }

    /** The SIP domain in force, read per request: the setup wizard may change it while we run. */
    private final Supplier<String> realm;
    private final List<DigestAlgorithm> offered;
    private final Function<String, Optional<String>> secrets;
    private final Nonces nonces;
    /** HA1 per (user, realm, algorithm): one hash saved per request, and decoys cost the same. */
    private final Cache<Ha1Key, String> ha1s = Caffeine.newBuilder().maximumSize(20_000).build();
    /** Highest nonce count seen per nonce; entries outlive the nonce's lifetime, then vanish. */
    private final Cache<String, Long> counts;

    DigestVerifier(Supplier<String> realm, List<DigestAlgorithm> offered, Function<String, Optional<String>> secrets,
                   Nonces nonces) {
        this.realm = realm;
        this.offered = List.copyOf(offered);
        this.secrets = secrets;
        this.nonces = nonces;
        this.counts = Caffeine.newBuilder().maximumSize(500_000)
                .expireAfterWrite(Duration.ofMillis(nonces.lifetimeMs()).plusMinutes(1)).build();
    }

    String realm() {
        return realm.get();
    }

    /** The algorithms challenged with, most preferred first. */
    List<DigestAlgorithm> offered() {
        return offered;
    }

    /** For tests with nonces bound to the empty address ({@link Nonces#issue()}). */
    Verdict verify(DigestCredentials c, String method) {
        return verify(c, method, "");
    }

    /** @param source the address the request came from; the nonce must have been issued to it */
    Verdict verify(DigestCredentials c, String method, String source) {
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
        if (algorithm.isEmpty() || !offered.contains(algorithm.get()) || !c.complete() || !realm().equals(c.realm())) return Verdict.UNUSABLE;
        // RFC 7616 §3.3: we offered qop="auth" only; RFC 2069-style answers without qop cannot be
        // protected against replay, so they are not accepted.
        if (c.qop() == null || !"auth".equalsIgnoreCase(c.qop())) return Verdict.UNUSABLE;
        // The digest-uri is compared with the Request-URI before this (DigestUri, RFC 7616 §3.4.6).
        // First the nonce, before any hash: only an answer to a nonce we sent to this very address can be a failure
        Nonces.Verdict nonce = nonces.check(c.nonce(), source);
        if (nonce == Nonces.Verdict.FOREIGN) return Verdict.FOREIGN;
        DigestAlgorithm alg = algorithm.get();
        String ha1 = ha1(c.username(), alg);
        String expected = alg.response(ha1, method, c.uri(), c.nonce(), c.nc(), c.cnonce(), c.qop());
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        // A wrong answer to an expired nonce of ours still counts: else an old nonce would be a free oracle
        if (!match) return Verdict.WRONG;
        if (nonce != Nonces.Verdict.VALID) return Verdict.STALE;
        return acceptCount(c.nonce(), c.nc()) ? Verdict.OK : Verdict.REPLAY;
    }

    /** RFC 7616 §3.4.5: the nonce count must grow with every request that reuses a nonce. */
    private boolean acceptCount(String nonce, String ncHex) {
        long nc;
        try {
            nc = Long.parseLong(ncHex, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        boolean[] accepted = {false};
        counts.asMap().compute(nonce, (k, last) -> {
            if (last != null && nc <= last) return last;
            accepted[0] = true;
            return nc;
        });
        return accepted[0];
    }

    String ha1(String user, DigestAlgorithm alg) {
        String r = realm();
        return ha1s.get(new Ha1Key(user, r, alg), k -> secrets.apply(user)
                .map(secret -> alg.ha1(user, r, secret))
                .orElseGet(() -> decoyHa1(user, alg)));
    }

    private String decoyHa1(String user, DigestAlgorithm alg) {
        byte[] mac = nonces.mac(("decoy:" + alg.token() + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac).substring(0, alg.hexLength());
    }

    /** Forget cached HA1s of a user whose secret changed or who was created or deleted. */
    void forget(String user) {
        ha1s.asMap().keySet().removeIf(k -> k.user().equals(user));
    }
}
