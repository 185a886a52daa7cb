package org.tandem.pbx.voicemail;

import java.time.Instant;

/**
 * A user's voicemail box (one per user, named by the extension). The PIN itself is never handed out:
 * only whether one is set.
 *
 * @param email            where new messages are e-mailed: the user's address, null when the user has none
 * @param emailNotify      e-mail each new message (with the audio attached) to {@code email}
 * @param deleteAfterEmail delete a message once the mail server accepted its e-mail
 * @param pinSkipOwnPhone  *97 from the owner's own phone (digest-authenticated as the owner) asks no PIN
 */
public record VoicemailBox(
        String extension,
        boolean enabled,
        boolean pinSet,
        int maxMessageSeconds,
        Greeting greeting,
        boolean emailNotify,
        boolean deleteAfterEmail,
        String email,
        Instant updatedAt,
        boolean pinSkipOwnPhone) {}
