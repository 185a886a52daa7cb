package org.tandem.pbx.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Per-source limit on SIP requests from sources that have not authenticated ({@code tandem.security.rate-limit.*}),
 * like Kamailio's pike module: a scanner or a flood is cut off before it costs much. Not counted: addresses that
 * authenticated within the last hour, the allow-list, trunk providers and this host's own addresses.
 *
 * @param maxRequests requests from one source (IPv6: one /64) within {@code window} beyond which it is cut off
 *                    (0 or less takes the default)
 * @param window      the sampling window. Over TCP/TLS, where the handshake proves the source, a
 *                    source over the limit is banned (the ban registry, tandem.security.ban-time); over UDP, where
 *                    it may be spoofed, its requests are only dropped until the window ends (never a ban)
 * @param enabled     false turns the limit off
 */
@ConfigurationProperties("tandem.security.rate-limit")
public record RateLimitProperties(
        @DefaultValue("50") int maxRequests,
        @DefaultValue("10s") Duration window,
        @DefaultValue("true") Boolean enabled) {

    public RateLimitProperties {
        if (maxRequests <= 0) maxRequests = PropertyDefaults.of(RateLimitProperties.class, "maxRequests");
        if (window == null || window.isZero() || window.isNegative())
            window = PropertyDefaults.of(RateLimitProperties.class, "window");
        if (enabled == null) enabled = PropertyDefaults.of(RateLimitProperties.class, "enabled");
    }

    public static RateLimitProperties defaults() {
        return new RateLimitProperties(0, null, null);
    }
}
