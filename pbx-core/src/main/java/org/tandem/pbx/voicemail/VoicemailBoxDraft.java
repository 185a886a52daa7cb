package org.tandem.pbx.voicemail;

/**
 * A change to a box; a null field keeps its current value. {@code pin} (digits only, 4 to 10) replaces
 * the PIN when given; it is stored only as a bcrypt hash.
 */
public record VoicemailBoxDraft(
        Boolean enabled,
        String pin,
        Integer maxMessageSeconds,
        String greeting,
        Boolean emailNotify,
        Boolean deleteAfterEmail,
        Boolean pinSkipOwnPhone) {

    public VoicemailBoxDraft(
            Boolean enabled,
            String pin,
            Integer maxMessageSeconds,
            String greeting,
            Boolean emailNotify,
            Boolean deleteAfterEmail) {
        this(enabled, pin, maxMessageSeconds, greeting, emailNotify, deleteAfterEmail, null);
    }
}
