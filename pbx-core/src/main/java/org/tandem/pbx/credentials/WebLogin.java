package org.tandem.pbx.credentials;

/**
 * Who a web password proved to be: an admin account (of the admin UI and the REST API) or a user (of the portal).
 *
 * @param name the login name as stored (an admin account's name, a user's extension)
 * @param role {@code ADMIN}, {@code OPERATOR} or {@code RECEPTIONIST} for an admin account, {@code USER} for a user
 */
public record WebLogin(String name, Kind kind, String role) {

    /** The role of every user in the portal. */
    public static final String USER_ROLE = "USER";

    /** The two kinds of accounts with a web password; their names never overlap (letters first vs digits only). */
    public enum Kind {
        /** {@code admin_account}: names start with a letter. */
        ADMIN_ACCOUNT,
        /** {@code sip_user}: the extension, digits only. */
        USER
    }
}
