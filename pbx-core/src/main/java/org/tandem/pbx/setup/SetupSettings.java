package org.tandem.pbx.setup;

/**
 * What the first-run wizard asks: the SIP domain, the appliance's time zone, the address phones
 * outside the LAN reach it at (NAT), and the SMTP server that sends mail (voicemail, reports).
 *
 * @param externalHost    public IP or host name for NAT, or null when all phones are on the LAN
 * @param smtpHost        null when no mail is sent; then the other smtp fields are ignored
 * @param smtpStartTls    upgrade the connection with STARTTLS (RFC 3207), usually on port 587
 * @param smtpImplicitTls TLS from the first byte ("SMTPS", RFC 8314 §3.3), usually on port 465
 * @param language        the system language of the prompts (en, de, fr, es); null on save keeps the saved one
 */
public record SetupSettings(
        String sipDomain,
        String timeZone,
        String externalHost,
        String smtpHost,
        int smtpPort,
        String smtpUsername,
        String smtpPassword,
        String mailFrom,
        boolean smtpStartTls,
        boolean smtpImplicitTls,
        String language) {

    /** Settings that leave the system language as it is. */
    public SetupSettings(
            String sipDomain,
            String timeZone,
            String externalHost,
            String smtpHost,
            int smtpPort,
            String smtpUsername,
            String smtpPassword,
            String mailFrom,
            boolean smtpStartTls,
            boolean smtpImplicitTls) {
        this(
                sipDomain,
                timeZone,
                externalHost,
                smtpHost,
                smtpPort,
                smtpUsername,
                smtpPassword,
                mailFrom,
                smtpStartTls,
                smtpImplicitTls,
                null);
    }

    /** Without an explicit choice, implicit TLS is used on port 465 (RFC 8314 §7.3), the port reserved for it. */
    public SetupSettings(
            String sipDomain,
            String timeZone,
            String externalHost,
            String smtpHost,
            int smtpPort,
            String smtpUsername,
            String smtpPassword,
            String mailFrom,
            boolean smtpStartTls) {
        this(
                sipDomain,
                timeZone,
                externalHost,
                smtpHost,
                smtpPort,
                smtpUsername,
                smtpPassword,
                mailFrom,
                smtpStartTls,
                smtpPort == 465);
    }
}
