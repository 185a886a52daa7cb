package org.tandem.pbx.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Digest authentication settings ({@code tandem.auth.*}).
 *
 * @param nonceLifetime how long a nonce we issued is accepted; after that a correct answer gets a fresh
 *                      challenge with {@code stale=true} (RFC 7616 §3.3) instead of a failure. Default 5 min.
 */
@ConfigurationProperties("tandem.auth")
public record DigestProperties(Duration nonceLifetime) {

    public DigestProperties {
        if (nonceLifetime == null || nonceLifetime.isZero() || nonceLifetime.isNegative()) {
            nonceLifetime = Duration.ofMinutes(5);
        }
    }
}
