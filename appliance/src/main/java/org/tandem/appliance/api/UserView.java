package org.tandem.appliance.api;

import java.time.Instant;
import org.tandem.pbx.directory.User;

/**
 * A user as the API shows it: never the SIP secret. {@code aor} is what the phone registers; {@code language} the
 * user's own choice for their voicemail menus (null: the system language).
 */
public record UserView(String extension, String displayName, String email, String aor, Instant createdAt,
                       Instant updatedAt, String language) {

    static UserView of(User u, String domain) {
        return new UserView(u.extension(), u.displayName(), u.email(), "sip:" + u.extension() + "@" + domain,
                u.createdAt(), u.updatedAt(), u.language());
    }
}
