package org.tandem.pbx.directory;

/**
 * What an admin submits to create or change a user. On update a null {@code password} keeps the
 * current SIP secret.
 */
public record UserDraft(String extension, String displayName, String password, String email) {
}
