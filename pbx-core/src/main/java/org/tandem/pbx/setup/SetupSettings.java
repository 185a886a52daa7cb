package org.tandem.pbx.setup;

/**
 * What the first-run wizard asks: the SIP domain, the appliance's time zone, the address phones
 * outside the LAN reach it at (NAT), and the SMTP server that sends mail (voicemail, reports).
 *
 * @param externalHost public IP or host name for NAT, or null when all phones are on the LAN
 * @param smtpHost     null when no mail is sent; then the other smtp fields are ignored
 */
public record SetupSettings(String sipDomain, String timeZone, String externalHost, String smtpHost, int smtpPort,
                            String smtpUsername, String smtpPassword, String mailFrom, boolean smtpStartTls) {
}
