package org.tandem.pbx.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-source limit on SIP requests from sources that have not authenticated ({@code tandem.security.rate-limit.*}),
 * like Kamailio's pike module: a scanner or a flood is cut off before it costs much. Not counted: addresses that
 * authenticated within the last hour, the allow-list, trunk providers and this host's own addresses.
 *
 * @param maxRequests requests from one source (IPv6: one /64) within {@code window} beyond which it is cut off
 *                    (default 50; 0 or less takes the default)
 * @param window      the sampling window (default 10 s). Over TCP/TLS, where the handshake proves the source, a
 *                    source over the limit is banned (the ban registry, tandem.security.ban-time); over UDP, where
 *                    it may be spoofed, its requests are only dropped until the window ends (never a ban)
 * @param enabled     false turns the limit off (default true)
 */
@ConfigurationProperties("tandem.security.rate-limit")
public record RateLimitProperties(int maxRequests, Duration window, Boolean enabled) {

    public RateLimitProperties {
        if (maxRequests <= 0) maxRequests = 50;
        if (window == null || window.isZero() || window.isNegative()) window = Duration.ofSeconds(10);
        if (enabled == null) enabled = Boolean.TRUE;
    }

    public static RateLimitProperties defaults() {
        return new RateLimitProperties(0, null, null);
    }
}
