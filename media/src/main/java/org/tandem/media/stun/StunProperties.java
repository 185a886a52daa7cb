package org.tandem.media.stun;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * {@code tandem.stun.*}: the STUN server (RFC 5389 Binding) phones and browsers may use to learn their public address.
 *
 * @param port          UDP port (3478: RFC 5389 §18.4); 0 turns the server off
 * @param bindAddress   address to listen on; empty: {@code tandem.media.bind-address}
 * @param ratePerSource answers per second to one source IP, beyond which its requests are dropped (so the server
 *                      cannot be used to flood a spoofed victim)
 * @param burst         answers one source IP may get at once before the rate applies
 */
@ConfigurationProperties("tandem.stun")
public record StunProperties(
        @DefaultValue("3478") Integer port,
        String bindAddress,
        @DefaultValue("20") Integer ratePerSource,
        @DefaultValue("50") Integer burst) {

    public StunProperties {
        if (port == null) port = PropertyDefaults.of(StunProperties.class, "port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tandem.stun.port must be 0 (off) or 1-65535 (got " + port + ")");
        }
        if (bindAddress != null && bindAddress.isBlank()) bindAddress = null;
        if (ratePerSource == null) ratePerSource = PropertyDefaults.of(StunProperties.class, "ratePerSource");
        if (burst == null) burst = PropertyDefaults.of(StunProperties.class, "burst");
        if (ratePerSource < 1 || burst < 1) {
            throw new IllegalArgumentException("tandem.stun.rate-per-source and burst must be at least 1 (got "
                    + ratePerSource + ", " + burst + ")");
        }
    }

    /** The defaults, on {@code port}; the bind address left to the media engine's. */
    public static StunProperties onPort(int port) {
        return new StunProperties(port, null, null, null);
    }
}
