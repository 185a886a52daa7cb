package org.tandem.media;

/** An audio file the engine cannot play; the message says what the file is and what is needed. */
public class UnsupportedAudioException extends IllegalArgumentException {
    public UnsupportedAudioException(String message) {
        super(message);
    }
}
