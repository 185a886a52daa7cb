package org.tandem.pbx.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Appliance-wide settings ({@code tandem.*}).
 *
 * @param dataDir where the database, keys, certificates and (later) voicemail live
 * @param domain  the SIP domain users belong to (AOR host); default: this host's name
 * @param externalAddress the public IP or name parties outside the LAN reach the appliance at (behind NAT), until the
 *                        setup wizard saves one; default none
 */
@ConfigurationProperties("tandem")
public record TandemProperties(@DefaultValue("./data") Path dataDir, String domain, String externalAddress) {

    public TandemProperties {
        if (dataDir == null) dataDir = PropertyDefaults.of(TandemProperties.class, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (domain == null || domain.isBlank()) domain = hostName();
        externalAddress = externalAddress == null || externalAddress.isBlank() ? null : externalAddress.strip();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "tandem.local";
        }
    }
}
