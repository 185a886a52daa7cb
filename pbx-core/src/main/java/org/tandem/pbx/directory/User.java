package org.tandem.pbx.directory;

import java.time.Instant;

/** A person with an extension: their AOR is {@code sip:<extension>@<domain>}. Never carries the secret. */
public record User(String extension, String displayName, String email, Instant createdAt, Instant updatedAt) {
}
