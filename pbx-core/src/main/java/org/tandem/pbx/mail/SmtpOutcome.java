package org.tandem.pbx.mail;

/**
 * What happened to one e-mail.
 *
 * @param sent         the server accepted it
 * @param permanent    refused for good (a 5yz reply, RFC 5321 §4.2.1): sending it again unchanged fails again
 * @param serverAnswer the server's last reply (e.g. {@code 250 2.0.0 Ok: queued as 4F2}) or why no
 *                     server answered (connection refused, timeout, TLS)
 */
public record SmtpOutcome(boolean sent, boolean permanent, String serverAnswer) {}
