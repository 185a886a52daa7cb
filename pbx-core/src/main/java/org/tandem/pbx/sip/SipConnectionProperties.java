package org.tandem.pbx.sip;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on SIP TCP and TLS connections ({@code tandem.sip.connections.*}, issue 22 finding 7). Connections are
 * served by one selector thread per transport (no thread per connection); these bound how many an address, and
 * everyone together, may hold open, and how long a connection may stay without sending a SIP message.
 *
 * @param maxTotal            inbound connections over TCP and TLS together; beyond it new ones are closed at once.
 *                            Default 2048 (Kamailio's tcp_max_connections)
 * @param maxPerSource        connections from one address; an office's phones behind one NAT share it. Default 100
 * @param firstMessageTimeout a connection that has sent no parseable SIP message by then (a TLS handshake
 *                            included) is closed. Default 20 s (Asterisk's tcpauthtimeout is 30 s)
 * @param idleTimeout         a connection without any traffic (keepalives count) for this long is closed. Default
 *                            2 h; registered phones get a keepalive every {@code tandem.sip.keepalive-interval}
 */
@ConfigurationProperties("tandem.sip.connections")
public record SipConnectionProperties(int maxTotal, int maxPerSource, Duration firstMessageTimeout,
                                      Duration idleTimeout) {

    public static final SipConnectionProperties DEFAULTS = new SipConnectionProperties(0, 0, null, null);

    public SipConnectionProperties {
        if (maxTotal <= 0) maxTotal = 2048;
        if (maxPerSource <= 0) maxPerSource = 100;
        if (firstMessageTimeout == null || firstMessageTimeout.isNegative() || firstMessageTimeout.isZero()) {
            firstMessageTimeout = Duration.ofSeconds(20);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) idleTimeout = Duration.ofHours(2);
    }
}
