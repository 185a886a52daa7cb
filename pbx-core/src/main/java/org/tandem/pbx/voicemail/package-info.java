/**
 * Voicemail: one box per user ({@link org.tandem.pbx.voicemail.VoicemailBoxes}), its messages stored
 * durably ({@link org.tandem.pbx.voicemail.VoicemailStore}: audio file first, fsynced and renamed into
 * place, then the database row), each new message e-mailed to the box owner through a durable outbox
 * ({@link org.tandem.pbx.voicemail.VoicemailEmails}), and message-waiting indication to subscribed phones
 * (RFC 3842 message-summary over RFC 6665). Changes are announced with
 * {@link org.tandem.pbx.voicemail.VoicemailDeposited} and {@link org.tandem.pbx.voicemail.VoicemailChanged}.
 *
 * <p>The call flow that records into a box (greeting, beep, record, deposit) and the *97/*98 menus
 * use these services; they are built on the media engine.
 */
package org.tandem.pbx.voicemail;
