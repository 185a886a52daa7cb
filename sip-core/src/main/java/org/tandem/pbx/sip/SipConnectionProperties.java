package org.tandem.pbx.sip;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Limits on SIP TCP and TLS connections ({@code tandem.sip.connections.*}, issue 22 finding 7). Connections are
 * served by one selector thread per transport (no thread per connection); these bound how many an address, and
 * everyone together, may hold open, and how long a connection may stay without sending a SIP message.
 *
 * @param maxTotal            inbound connections over TCP and TLS together; beyond it new ones are closed at once
 *                            (2048: Kamailio's tcp_max_connections)
 * @param maxPerSource        connections from one address; an office's phones behind one NAT share it
 * @param firstMessageTimeout a connection that has sent no parseable SIP message by then (a TLS handshake
 *                            included) is closed (Asterisk's tcpauthtimeout is 30 s)
 * @param idleTimeout         a connection without any traffic (keepalives count) for this long is closed;
 *                            registered phones get a keepalive every {@code tandem.sip.keepalive-interval}
 * @param io                  {@code nio}: one selector thread per transport, with these limits, our framing,
 *                            and our outbound connections (see {@code internal.OwnConnection}); {@code blocking}:
 *                            jain-sip's blocking I/O, a thread per connection and none of these limits
 */
@ConfigurationProperties("tandem.sip.connections")
public record SipConnectionProperties(
        @DefaultValue("2048") int maxTotal,
        @DefaultValue("100") int maxPerSource,
        @DefaultValue("20s") Duration firstMessageTimeout,
        @DefaultValue("2h") Duration idleTimeout,
        @DefaultValue("nio") String io) {

    public static final SipConnectionProperties DEFAULTS = new SipConnectionProperties(0, 0, null, null, null);

    public SipConnectionProperties {
        if (maxTotal <= 0) maxTotal = PropertyDefaults.of(SipConnectionProperties.class, "maxTotal");
        if (maxPerSource <= 0) maxPerSource = PropertyDefaults.of(SipConnectionProperties.class, "maxPerSource");
        if (firstMessageTimeout == null || firstMessageTimeout.isNegative() || firstMessageTimeout.isZero()) {
            firstMessageTimeout = PropertyDefaults.of(SipConnectionProperties.class, "firstMessageTimeout");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero())
            idleTimeout = PropertyDefaults.of(SipConnectionProperties.class, "idleTimeout");
        io = io == null || io.isBlank()
                ? PropertyDefaults.of(SipConnectionProperties.class, "io")
                : io.strip().toLowerCase(Locale.ROOT);
        if (!io.equals("nio") && !io.equals("blocking")) {
            throw new IllegalArgumentException("tandem.sip.connections.io: '" + io + "' is neither nio nor blocking");
        }
    }

    /** Whether TCP/TLS run on jain-sip's blocking I/O (a thread per connection, no limits). */
    public boolean blocking() {
        return io.equals("blocking");
    }
}
