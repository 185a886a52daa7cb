package org.tandem.pbx.voicemail;

/**
 * What a caller hears before the beep (see {@link VoicemailGreetings#candidates}): a box set to DEFAULT
 * plays the owner's recording that fits why the call came (busy or unavailable) if there is one, else the
 * system greeting that names the extension; a box set to UNAVAILABLE or BUSY always plays that recording
 * (e.g. "I am away this week"), falling back like DEFAULT while none is recorded.
 */
public enum Greeting {
    /** Automatic: the recording for the case, else the system greeting that names the extension. */
    DEFAULT,
    /** The owner's recorded "I am not available" greeting. */
    UNAVAILABLE,
    /** The owner's recorded "I am on the phone" greeting. */
    BUSY
}
