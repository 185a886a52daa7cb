package org.tandem.provisioning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Phone provisioning settings ({@code tandem.provisioning.*}); defaults in application.yml.
 *
 * @param tftpPort              TFTP (RFC 1350) port; 0 disables TFTP. 69 when installed.
 * @param tftpBindAddress       empty = the SIP bind address
 * @param httpsPort             HTTPS for phones (and the API), with the SIP-TLS certificate; 0 = off
 * @param baseUrl               how phones reach {@code /prov/} (e.g. {@code http://10.0.0.2:8080/prov/});
 *                              empty = from the request that fetched the file
 * @param sipServer             host phones register to; empty = the SIP advertised address
 * @param timeZone              IANA zone put in phone configs; empty = the appliance's, as chosen in the setup
 * @param maxUnknownMacsPerSource  distinct unknown MACs one address may ask for within scanWindow before
 *                              each further one counts as a failed login (ban registry)
 * @param acceptWindow          how long an admin's acceptance of a waiting phone (first contact) holds
 */
@ConfigurationProperties("tandem.provisioning")
public record ProvisioningProperties(int tftpPort, String tftpBindAddress, int httpsPort, String baseUrl, String sipServer,
                                     String timeZone, String ntpServer, String language, String voicemailCode,
                                     int maxUnknownMacsPerSource, Duration scanWindow, Duration resyncInterval,
                                     String firmwareUrl, Duration acceptWindow) {

    public ProvisioningProperties {
        if (tftpPort < 0 || tftpPort > 65535) throw new IllegalArgumentException("tandem.provisioning.tftp-port: 0..65535");
        tftpBindAddress = blank(tftpBindAddress);
        if (httpsPort < 0 || httpsPort > 65535) throw new IllegalArgumentException("tandem.provisioning.https-port: 0..65535");
        baseUrl = blank(baseUrl);
        sipServer = blank(sipServer);
        timeZone = blank(timeZone);
        if (timeZone != null && !java.time.ZoneId.getAvailableZoneIds().contains(timeZone) && !timeZone.equals("UTC")) {
            throw new IllegalArgumentException("tandem.provisioning.time-zone: an IANA zone such as Europe/Berlin, "
                    + "or empty for the appliance's (setup) time zone");
        }
        if (ntpServer == null || ntpServer.isBlank()) ntpServer = "pool.ntp.org";
        if (language == null || language.isBlank()) language = "en";
        if (voicemailCode == null || voicemailCode.isBlank()) voicemailCode = "*97";
        if (maxUnknownMacsPerSource <= 0) maxUnknownMacsPerSource = 5;
        if (scanWindow == null) scanWindow = Duration.ofMinutes(10);
        if (resyncInterval == null) resyncInterval = Duration.ofHours(24);
        firmwareUrl = blank(firmwareUrl);
        if (acceptWindow == null || acceptWindow.isZero() || acceptWindow.isNegative()) acceptWindow = Duration.ofMinutes(15);
    }

    /** Defaults only (tests, tools). */
    public static ProvisioningProperties defaults() {
        return new ProvisioningProperties(6969, null, 0, null, null, null, null, null, null, 0, null, null, null, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
