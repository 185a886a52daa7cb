package org.tandem.pbx.sip;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * SIP transport settings ({@code tandem.sip.*}).
 *
 * @param bindAddress       address the UDP/TCP/TLS listening points bind to
 * @param advertisedAddress address put in Via / Record-Route; empty = the bind address, or the host's
 *                          primary address when binding to the wildcard
 * @param port              UDP and TCP port
 * @param tlsPort           TLS port; 0 disables TLS
 * @param tlsKeystore       PKCS#12 keystore with the server certificate (set by the appliance)
 * @param tlsKeystorePassword its password
 * @param stripes           number of serial executors Call-IDs are striped over; 0 = 2 x CPU cores (at least 4)
 * @param stripeQueue       bounded queue length per stripe; a full queue answers 503
 * @param maxMessageSize    largest accepted stream (TCP/TLS) message in bytes
 * @param inviteTimeout     no final answer from any branch within this time: CANCEL and 408/480
 * @param keepaliveInterval how often registered UAs are sent a keepalive (CRLF on TCP/TLS, OPTIONS on UDP)
 */
@ConfigurationProperties("tandem.sip")
public record SipProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        String advertisedAddress,
        @DefaultValue("5060") int port,
        @DefaultValue("0") int tlsPort,
        String tlsKeystore,
        String tlsKeystorePassword,
        @DefaultValue("0") int stripes,
        @DefaultValue("10000") int stripeQueue,
        @DefaultValue("65535") int maxMessageSize,
        @DefaultValue("30s") Duration inviteTimeout,
        @DefaultValue("30s") Duration keepaliveInterval) {

    public SipProperties {
        if (bindAddress == null || bindAddress.isBlank())
            bindAddress = PropertyDefaults.of(SipProperties.class, "bindAddress");
        if (advertisedAddress == null) advertisedAddress = "";
        if (port <= 0) port = PropertyDefaults.of(SipProperties.class, "port");
        if (tlsPort < 0) tlsPort = 0;
        if (stripes <= 0) stripes = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        if (stripeQueue <= 0) stripeQueue = PropertyDefaults.of(SipProperties.class, "stripeQueue");
        if (maxMessageSize <= 0) maxMessageSize = PropertyDefaults.of(SipProperties.class, "maxMessageSize");
        if (inviteTimeout == null) inviteTimeout = PropertyDefaults.of(SipProperties.class, "inviteTimeout");
        if (keepaliveInterval == null)
            keepaliveInterval = PropertyDefaults.of(SipProperties.class, "keepaliveInterval");
    }
}
