package org.tandem.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished recording: a complete 8 kHz 16-bit mono WAV in a temporary file that now belongs to the
 * caller (moving it durably into place — fsync, rename — is the caller's job; delete it if unwanted).
 */
public record Recording(Path file, Duration length, StopReason reason) {

    public enum StopReason {
        MAX_LENGTH,
        SILENCE,
        DIGIT,
        STOPPED,
        SESSION_CLOSED
    }
}
