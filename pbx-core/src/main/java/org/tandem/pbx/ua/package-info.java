/**
 * User agents inside this process (RFC 3261 §12, §13.3 as UAS): they answer calls the dial plan
 * sends to them: feature codes ({@link org.tandem.pbx.ua.AnswerAndHangUp}) and the media services
 * ({@link org.tandem.pbx.ua.MediaCalls}: voicemail, conference, IVR). {@link org.tandem.pbx.ua.LocalDialogs}
 * routes the in-dialog requests of their dialogs (ACK, BYE, re-INVITE) back to them.
 */
package org.tandem.pbx.ua;
