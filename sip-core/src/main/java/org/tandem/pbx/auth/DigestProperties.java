package org.tandem.pbx.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Digest authentication settings ({@code tandem.auth.*}).
 *
 * @param nonceLifetime how long a nonce we issued is accepted; after that a correct answer gets a fresh
 *                      challenge with {@code stale=true} (RFC 7616 §3.3) instead of a failure
 * @param algorithms    the challenges offered, in order (RFC 8760 §2.4: most preferred first); only these
 *                      are accepted. Some clients read only the first
 *                      challenge and know only MD5 (SIPp 3.6 among them: "authentication must use MD5");
 *                      for them set {@code MD5} alone or {@code MD5, SHA-256}.
 * @param sha256UserAgents regular expressions (case-insensitive, found anywhere in the User-Agent header) of
 *                      the clients offered SHA-256; all others are challenged with MD5 alone, because some
 *                      clients refuse a 401 that lists SHA-256 at all (Debian 12's baresip). The default: Linphone and the other
 *                      belle-sip clients from belle-sip 5 on; docs/guide/softphones.md says why each is there.
 */
@ConfigurationProperties("tandem.auth")
public record DigestProperties(
        @DefaultValue("5m") Duration nonceLifetime,
        @DefaultValue({"SHA-256", "MD5"}) List<String> algorithms,
        @DefaultValue("belle-sip/([5-9]|\\d\\d)\\.") List<String> sha256UserAgents) {

    public DigestProperties {
        if (nonceLifetime == null || nonceLifetime.isZero() || nonceLifetime.isNegative()) {
            nonceLifetime = PropertyDefaults.of(DigestProperties.class, "nonceLifetime");
        }
        if (algorithms == null || algorithms.isEmpty())
            algorithms = PropertyDefaults.of(DigestProperties.class, "algorithms");
        algorithms = algorithms.stream()
                .map(a -> a.strip().toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        for (String a : algorithms) {
            if (!a.equals("SHA-256") && !a.equals("MD5")) {
                throw new IllegalArgumentException(
                        "tandem.auth.algorithms: '" + a + "' is not supported; use SHA-256 and/or MD5");
            }
        }
        sha256UserAgents = sha256UserAgents == null
                ? PropertyDefaults.of(DigestProperties.class, "sha256UserAgents")
                : List.copyOf(sha256UserAgents);
    }
}
