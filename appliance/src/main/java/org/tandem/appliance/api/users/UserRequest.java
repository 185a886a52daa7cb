package org.tandem.appliance.api.users;

import org.tandem.pbx.directory.UserDraft;

/**
 * Body of {@code POST /api/v1/users} and {@code PUT /api/v1/users/{extension}}. {@code password} is the
 * SIP secret the phone authenticates with; on PUT, leaving it out keeps the current one. {@code language} (en, de,
 * fr or es) is what the user's voicemail menus speak; left out: the system language for a new user, unchanged on PUT;
 * {@code ""} follows the system language again.
 */
public record UserRequest(String extension, String displayName, String password, String email, String language) {

    UserDraft toDraft(String extension) {
        return new UserDraft(extension, displayName, password, email, language);
    }
}
