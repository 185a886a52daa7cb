package org.tandem.pbx.directory;

import java.time.Instant;

/**
 * A person with an extension: their AOR is {@code sip:<extension>@<domain>}. Never carries the secret.
 *
 * @param language the code (en, de, fr, es) their voicemail menus speak; null follows the system default
 */
public record User(
        String extension, String displayName, String email, Instant createdAt, Instant updatedAt, String language) {

    /** A user following the system language. */
    public User(String extension, String displayName, String email, Instant createdAt, Instant updatedAt) {
        this(extension, displayName, email, createdAt, updatedAt, null);
    }
}
