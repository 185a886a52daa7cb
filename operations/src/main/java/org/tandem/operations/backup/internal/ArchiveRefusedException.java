package org.tandem.operations.backup.internal;

/** A backup archive that fails a check before anything was changed; the message completes "Refused: ...". */
public final class ArchiveRefusedException extends Exception {

    public ArchiveRefusedException(String reason) {
        super(reason);
    }
}
