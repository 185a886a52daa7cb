package org.tandem.pbx.directory.internal;

import java.time.Instant;

/** A {@code sip_user} row; the secret is still encrypted. */
public record UserRow(
        String extension,
        String displayName,
        String email,
        String secretEnc,
        Instant createdAt,
        Instant updatedAt,
        String language) {}
