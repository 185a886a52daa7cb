/**
 * Sending e-mail through the SMTP server of the first-run setup ({@link org.tandem.pbx.setup.SetupSettings}):
 * {@link org.tandem.pbx.mail.SmtpMail} sends one message and reports the server's own answer, for the
 * "send test e-mail" button and endpoint and for voicemail e-mail.
 */
package org.tandem.pbx.mail;
