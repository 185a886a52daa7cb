package org.tandem.pbx.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Digest authentication settings ({@code tandem.auth.*}).
 *
 * @param nonceLifetime how long a nonce we issued is accepted; after that a correct answer gets a fresh
 *                      challenge with {@code stale=true} (RFC 7616 §3.3) instead of a failure. Default 5 min.
 * @param algorithms    the challenges offered, in order (RFC 8760 §2.4: most preferred first); only these
 *                      are accepted. Default {@code SHA-256, MD5}. Some clients read only the first
 *                      challenge and know only MD5 (SIPp 3.6 among them: "authentication must use MD5");
 *                      for them set {@code MD5} alone or {@code MD5, SHA-256}.
 * @param sha256UserAgents regular expressions (case-insensitive, found anywhere in the User-Agent header) of
 *                      the clients offered SHA-256; all others are challenged with MD5 alone, because some
 *                      clients refuse a 401 that lists SHA-256 at all (Debian 12's baresip). Default
 *                      {@link #DEFAULT_SHA256_USER_AGENTS}; docs/guide/softphones.md says why each is there.
 */
@ConfigurationProperties("tandem.auth")
public record DigestProperties(Duration nonceLifetime, List<String> algorithms, List<String> sha256UserAgents) {

    /**
     * Clients known to answer an RFC 8760 SHA-256 challenge and to pick it among several: Linphone and the other
     * belle-sip clients from belle-sip 5 on (their User-Agent ends in "(belle-sip/5.x.y)").
     */
    public static final List<String> DEFAULT_SHA256_USER_AGENTS = List.of("belle-sip/([5-9]|\\d\\d)\\.");

    public DigestProperties {
        if (nonceLifetime == null || nonceLifetime.isZero() || nonceLifetime.isNegative()) {
            nonceLifetime = Duration.ofMinutes(5);
        }
        if (algorithms == null || algorithms.isEmpty()) algorithms = List.of("SHA-256", "MD5");
        algorithms = algorithms.stream().map(a -> a.strip().toUpperCase(Locale.ROOT)).distinct().toList();
        for (String a : algorithms) {
            if (!a.equals("SHA-256") && !a.equals("MD5")) {
                throw new IllegalArgumentException("tandem.auth.algorithms: '" + a
                        + "' is not supported; use SHA-256 and/or MD5");
            }
        }
        sha256UserAgents = sha256UserAgents == null ? DEFAULT_SHA256_USER_AGENTS : List.copyOf(sha256UserAgents);
    }
}
