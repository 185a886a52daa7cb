package org.tandem.appliance.tls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * HTTPS of the appliance (issue 22, finding 10): one port for the admin UI, the portal, the API and phone
 * provisioning, with the appliance certificate.
 *
 * @param httpsPort HTTPS for the admin UI, portal, API and /prov/ with the appliance certificate (SIP-TLS's): TLS 1.3
 *                  and TLS 1.2 ECDHE+AEAD only. Plain HTTP on server.port then serves only this host (loopback) and
 *                  /prov/; others are redirected here. SIP over WebSocket: wss://host:https-port/ws. 0 turns HTTPS
 *                  (and the redirect to it) off
 */
@ConfigurationProperties("tandem")
public record HttpsProperties(@DefaultValue("8443") int httpsPort) {

    public HttpsProperties {
        if (httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException(
                    "tandem.https-port must be 0 (off) or a port 1..65535, not " + httpsPort);
        }
    }

    /**
     * The port HTTPS listens on. {@code tandem.provisioning.https-port} (its former home, for phones only)
     * folds into it: when set, it wins, so existing configurations keep their port.
     */
    public int port(ProvisioningProperties provisioning) {
        return provisioning.httpsPort() != 0 ? provisioning.httpsPort() : httpsPort;
    }
}
