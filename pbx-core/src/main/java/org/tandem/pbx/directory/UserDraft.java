package org.tandem.pbx.directory;

/**
 * What an admin submits to create or change a user. On update a null {@code password} keeps the
 * current SIP secret and a null {@code language} the current language.
 *
 * @param language en, de, fr or es for the user's voicemail menus; "" (on update) follows the system default again
 */
public record UserDraft(String extension, String displayName, String password, String email, String language) {

    /** A draft that leaves the language alone (the system default for a new user). */
    public UserDraft(String extension, String displayName, String password, String email) {
        this(extension, displayName, password, email, null);
    }
}
