package org.tandem.appliance.api.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.prompt.Language;

/**
 * A user as the API shows it: never the SIP secret. {@code aor} is what the phone registers. {@code language} is the
 * user's own choice for their voicemail menus, always present: {@code null} when they follow the system language
 * (before issue 18's follow-up it was left out then; a client reading a missing field as null sees no change).
 * {@code languageSource} says which it is ({@code "user"} or {@code "system"}) and {@code spokenLanguage} what their
 * menus speak now (their own, else the system language).
 */
public record UserView(
        String extension,
        String displayName,
        String email,
        String aor,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String language,
        String languageSource,
        String spokenLanguage) {

    static UserView of(User u, String domain, Language system) {
        boolean own = u.language() != null && !u.language().isBlank();
        return new UserView(
                u.extension(),
                u.displayName(),
                u.email(),
                "sip:" + u.extension() + "@" + domain,
                u.createdAt(),
                u.updatedAt(),
                own ? u.language() : null,
                own ? "user" : "system",
                own ? Language.orEnglish(u.language()).code() : system.code());
    }
}
