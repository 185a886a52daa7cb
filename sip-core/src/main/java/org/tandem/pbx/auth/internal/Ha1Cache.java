package org.tandem.pbx.auth.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Function;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.auth.DigestVerifier;

/**
 * The HA1 of SIP users (RFC 7616 §3.4.2, from their decrypted SIP secret), cached per (user, realm, algorithm): one
 * hash saved per request, served from memory on the SIP stripe. A user who does not exist gets the verifier's
 * decoy HA1, cached the same way, so unknown users cost exactly what known ones cost.
 */
final class Ha1Cache {

    private record Key(String user, String realm, DigestAlgorithm algorithm) {}

    private final DigestVerifier verifier;
    private final Function<String, Optional<String>> secrets;
    private final Cache<Key, String> ha1s =
            Caffeine.newBuilder().maximumSize(20_000).executor(Runnable::run).build();

    /** @param secrets a user's SIP secret in clear, empty for an unknown user */
    Ha1Cache(DigestVerifier verifier, Function<String, Optional<String>> secrets) {
        this.verifier = verifier;
        this.secrets = secrets;
    }

    /** HA1 of {@code user} in the realm in force, for {@code alg}. */
    String ha1(String user, DigestAlgorithm alg) {
        String realm = verifier.realm();
        return ha1s.get(
                new Key(user, realm, alg),
                k -> secrets.apply(user)
                        .map(secret -> alg.ha1(user, realm, secret))
                        .orElseGet(() -> verifier.decoyHa1(user, alg)));
    }

    /** Forget cached HA1s of a user whose secret changed or who was created or deleted. */
    void forget(String user) {
        ha1s.asMap().keySet().removeIf(k -> k.user().equals(user));
    }
}
