package org.tandem.pbx.voicemail;

import java.time.Instant;

/**
 * Where the e-mail of a message stands.
 *
 * @param state      PENDING (to be tried at {@code nextTry}), SENT (the server accepted it) or FAILED
 *                   (refused for good, or too many attempts; tried again when the SMTP settings change)
 * @param lastAnswer the SMTP server's last answer, or why none was reached
 */
public record EmailStatus(
        String recipient, String state, int attempts, Instant nextTry, String lastAnswer, Instant updatedAt) {}
