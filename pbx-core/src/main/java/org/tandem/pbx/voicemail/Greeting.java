package org.tandem.pbx.voicemail;

/** What a caller hears before the beep. */
public enum Greeting {
    /** The system greeting that names the extension. */
    DEFAULT,
    /** The owner's recorded "I am not available" greeting. */
    UNAVAILABLE,
    /** The owner's recorded "I am on the phone" greeting. */
    BUSY
}
