package org.tandem.media;

/**
 * The offer has no audio stream this engine can take (no PCMU/PCMA, or only secure/unknown transports).
 * Means SIP 488 Not Acceptable Here (RFC 3261 §21.4.26, RFC 3264 §6); the message says what was offered.
 */
public class NoCommonCodecException extends Exception {
    public NoCommonCodecException(String message) {
        super(message);
    }
}
