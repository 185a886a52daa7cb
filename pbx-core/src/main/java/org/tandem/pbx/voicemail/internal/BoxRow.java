package org.tandem.pbx.voicemail.internal;

/** A {@code voicemail_box} row. */
public record BoxRow(
        String extension,
        boolean enabled,
        String pinHash,
        int maxMessageSeconds,
        String greeting,
        boolean emailNotify,
        boolean deleteAfterEmail,
        long updatedMs,
        boolean pinSkipOwnPhone) {}
