package org.tandem.pbx.voicemail.internal;

/** The steps of a durable deposit (docs/architecture.md, storage), in order. */
public enum DepositPhase {
    /** Half the audio is in the temp file. */
    TEMP_PARTIAL,
    /** The whole audio is in the temp file and fsynced. */
    TEMP_SYNCED,
    /** The temp file was renamed to its final name and the directory fsynced; no row yet. */
    RENAMED,
    /** The message row (and its e-mail) are committed; events not yet raised. */
    ROW_WRITTEN
}
