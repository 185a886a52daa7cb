package org.tandem.webui.portal.phone;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * {@code tandem.turn.*}: the TURN server (RFC 8656) the portal's web phone may relay its media through when the
 * browser's network lets no UDP reach the appliance directly (a hotel, a strict office firewall). Tandem does not
 * relay TURN itself: coturn does (Debian's {@code coturn}, set up beside the appliance by
 * {@code /usr/lib/tandem/turn-setup}), and the two share a secret from which Tandem derives short-lived credentials
 * per user (coturn's {@code use-auth-secret}, the "TURN REST API" scheme), so no long-lived TURN password is ever
 * handed to a browser.
 *
 * @param port               TURN port of a coturn on the appliance itself, reached at the host name the browser used
 *                           for the portal (so a home worker who reaches the portal at the office's public name also
 *                           reaches its TURN there); 0 for none
 * @param urls               TURN URIs of a TURN server elsewhere (RFC 7065: {@code turn:host:port?transport=udp},
 *                           {@code turns:host:5349}); used as given, besides {@code port}
 * @param secret             coturn's {@code static-auth-secret}; required when TURN is configured
 * @param credentialLifetime how long a credential handed to a browser stays valid: longer than any call, since a TURN
 *                           allocation is refreshed with it for the call's whole length (RFC 8656 §8); 5 min to 7 days
 * @param relayOnly          the browser sends media only through TURN ({@code iceTransportPolicy: relay}), never
 *                           directly: for networks where the browser's own addresses must not reach the appliance
 */
@ConfigurationProperties("tandem.turn")
public record TurnProperties(
        @DefaultValue("0") Integer port,
        @DefaultValue List<String> urls,
        String secret,
        @DefaultValue("12h") Duration credentialLifetime,
        @DefaultValue("false") Boolean relayOnly) {

    public TurnProperties {
        if (port == null) port = PropertyDefaults.of(TurnProperties.class, "port");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tandem.turn.port must be 0 (none) or 1-65535 (got " + port + ")");
        }
        urls = urls == null
                ? List.of()
                : urls.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        for (String u : urls) {
            if (!u.matches("turns?:[^\\s?]+(\\?transport=(udp|tcp))?")) {
                throw new IllegalArgumentException("tandem.turn.urls: '" + u + "' is no TURN URI (RFC 7065: "
                        + "turn:host:port?transport=udp or turns:host:port)");
            }
        }
        if (secret != null && secret.isBlank()) secret = null;
        if ((port > 0 || !urls.isEmpty()) && secret == null) {
            throw new IllegalArgumentException("tandem.turn.secret is missing: the TURN server's static-auth-secret "
                    + "(coturn use-auth-secret) is needed to give browsers credentials");
        }
        if (credentialLifetime == null)
            credentialLifetime = PropertyDefaults.of(TurnProperties.class, "credentialLifetime");
        if (credentialLifetime.compareTo(Duration.ofMinutes(5)) < 0
                || credentialLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("tandem.turn.credential-lifetime must be between 5 minutes and 7 days"
                    + " (got " + credentialLifetime + ")");
        }
        if (relayOnly == null) relayOnly = PropertyDefaults.of(TurnProperties.class, "relayOnly");
        if (relayOnly && port == 0 && urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "tandem.turn.relay-only needs a TURN server: set tandem.turn.port " + "or tandem.turn.urls");
        }
    }

    public boolean configured() {
        return port > 0 || !urls.isEmpty();
    }
}
