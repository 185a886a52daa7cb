package org.tandem.provisioning;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Phone provisioning settings ({@code tandem.provisioning.*}).
 *
 * @param tftpPort              TFTP (RFC 1350) port; 0 disables TFTP. 69 when installed.
 * @param tftpBindAddress       empty = the SIP bind address
 * @param httpsPort             former HTTPS port for phones, folded into {@code tandem.https-port}: when set, HTTPS
 *                              listens here; 0 = not set
 * @param baseUrl               how phones reach {@code /prov/} (e.g. {@code http://10.0.0.2:8080/prov/});
 *                              empty = from the request that fetched the file
 * @param sipServer             host phones register to; empty = the SIP advertised address
 * @param timeZone              IANA zone put in phone configs; empty = the appliance's, as chosen in the setup
 * @param ntpServer             time server written into phone configurations
 * @param language              phones' display language: en, de, fr, es
 * @param voicemailCode         what phones dial for the voicemail box (their message key)
 * @param maxUnknownMacsPerSource  distinct unknown MACs one address may ask for within scanWindow before
 *                              each further one counts as a failed login (ban registry)
 * @param scanWindow            the window of that count
 * @param resyncInterval        how often phones with credentials check for changes (without: every 5 min)
 * @param firmwareUrl           optional firmware location written into configurations
 * @param acceptWindow          first contact: a phone that proved nothing gets its own URL (and secrets) only at its
 *                              next request after an admin accepted it (Phones page), within this time
 */
@ConfigurationProperties("tandem.provisioning")
public record ProvisioningProperties(
        @DefaultValue("0") int tftpPort,
        String tftpBindAddress,
        @DefaultValue("0") int httpsPort,
        String baseUrl,
        String sipServer,
        String timeZone,
        @DefaultValue("pool.ntp.org") String ntpServer,
        @DefaultValue("en") String language,
        @DefaultValue("*97") String voicemailCode,
        @DefaultValue("5") int maxUnknownMacsPerSource,
        @DefaultValue("10m") Duration scanWindow,
        @DefaultValue("24h") Duration resyncInterval,
        String firmwareUrl,
        @DefaultValue("15m") Duration acceptWindow) {

    public ProvisioningProperties {
        if (tftpPort < 0 || tftpPort > 65535)
            throw new IllegalArgumentException("tandem.provisioning.tftp-port: 0..65535");
        tftpBindAddress = blank(tftpBindAddress);
        if (httpsPort < 0 || httpsPort > 65535)
            throw new IllegalArgumentException("tandem.provisioning.https-port: 0..65535");
        baseUrl = blank(baseUrl);
        sipServer = blank(sipServer);
        timeZone = blank(timeZone);
        if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone) && !timeZone.equals("UTC")) {
            throw new IllegalArgumentException("tandem.provisioning.time-zone: an IANA zone such as Europe/Berlin, "
                    + "or empty for the appliance's (setup) time zone");
        }
        if (ntpServer == null || ntpServer.isBlank())
            ntpServer = PropertyDefaults.of(ProvisioningProperties.class, "ntpServer");
        if (language == null || language.isBlank())
            language = PropertyDefaults.of(ProvisioningProperties.class, "language");
        if (voicemailCode == null || voicemailCode.isBlank())
            voicemailCode = PropertyDefaults.of(ProvisioningProperties.class, "voicemailCode");
        if (maxUnknownMacsPerSource <= 0)
            maxUnknownMacsPerSource = PropertyDefaults.of(ProvisioningProperties.class, "maxUnknownMacsPerSource");
        if (scanWindow == null) scanWindow = PropertyDefaults.of(ProvisioningProperties.class, "scanWindow");
        if (resyncInterval == null)
            resyncInterval = PropertyDefaults.of(ProvisioningProperties.class, "resyncInterval");
        firmwareUrl = blank(firmwareUrl);
        if (acceptWindow == null || acceptWindow.isZero() || acceptWindow.isNegative())
            acceptWindow = PropertyDefaults.of(ProvisioningProperties.class, "acceptWindow");
    }

    /** Defaults only (tests, tools). */
    public static ProvisioningProperties defaults() {
        return new ProvisioningProperties(
                PropertyDefaults.of(ProvisioningProperties.class, "tftpPort"),
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
