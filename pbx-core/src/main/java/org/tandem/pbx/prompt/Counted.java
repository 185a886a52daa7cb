package org.tandem.pbx.prompt;

/**
 * Things the media services count aloud, with the prompts for one, several and none. The grammatical gender of
 * each noun is the business of each language's {@link Speaker} ("eine neue Nachricht", "un nouveau message").
 */
public enum Counted {
    NEW_MESSAGES("vm-new-message", "vm-new-messages", "vm-no-new-messages"),
    SAVED_MESSAGES("vm-saved-message", "vm-saved-messages", "vm-no-saved-messages");

    private final String one;
    private final String several;
    private final String none;

    Counted(String one, String several, String none) {
        this.one = one;
        this.several = several;
        this.none = none;
    }

    /** The noun after "1" ("new message"). */
    public String one() {
        return one;
    }

    /** The noun after any other count ("new messages"). */
    public String several() {
        return several;
    }

    /** The whole "none" phrase, for languages whose noun changes after "no" (German "keine neuen Nachrichten"). */
    public String none() {
        return none;
    }
}
