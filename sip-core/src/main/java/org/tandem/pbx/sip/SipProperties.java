package org.tandem.pbx.sip;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SIP transport settings ({@code tandem.sip.*}). Defaults are documented in appliance's application.yml.
 *
 * @param bindAddress       address the UDP/TCP/TLS listening points bind to
 * @param advertisedAddress address put in Via / Record-Route; empty = the bind address, or the host's
 *                          primary address when binding to the wildcard
 * @param port              UDP and TCP port
 * @param tlsPort           TLS port; 0 disables TLS
 * @param tlsKeystore       PKCS#12 keystore with the server certificate (set by the appliance)
 * @param tlsKeystorePassword its password
 * @param stripes           number of serial executors Call-IDs are striped over
 * @param stripeQueue       bounded queue length per stripe; a full queue answers 503
 * @param maxMessageSize    largest accepted stream (TCP/TLS) message in bytes
 * @param inviteTimeout     no final answer from any branch within this time: CANCEL and 408/480
 * @param keepaliveInterval how often registered UAs are sent a keepalive (CRLF on TCP/TLS, OPTIONS on UDP)
 */
@ConfigurationProperties("tandem.sip")
public record SipProperties(
        String bindAddress,
        String advertisedAddress,
        int port,
        int tlsPort,
        String tlsKeystore,
        String tlsKeystorePassword,
        int stripes,
        int stripeQueue,
        int maxMessageSize,
        Duration inviteTimeout,
        Duration keepaliveInterval) {

    public SipProperties {
        if (bindAddress == null || bindAddress.isBlank()) bindAddress = "0.0.0.0";
        if (advertisedAddress == null) advertisedAddress = "";
        if (port <= 0) port = 5060;
        if (tlsPort < 0) tlsPort = 0;
        if (stripes <= 0) stripes = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        if (stripeQueue <= 0) stripeQueue = 10_000;
        if (maxMessageSize <= 0) maxMessageSize = 65_535;
        if (inviteTimeout == null) inviteTimeout = Duration.ofSeconds(30);
        if (keepaliveInterval == null) keepaliveInterval = Duration.ofSeconds(30);
    }
}
