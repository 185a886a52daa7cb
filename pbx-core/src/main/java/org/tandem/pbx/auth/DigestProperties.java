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
 */
@ConfigurationProperties("tandem.auth")
public record DigestProperties(Duration nonceLifetime, List<String> algorithms) {

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
    }
}
