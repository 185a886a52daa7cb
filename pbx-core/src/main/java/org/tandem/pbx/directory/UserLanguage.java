package org.tandem.pbx.directory;

import org.springframework.stereotype.Component;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.setup.ApplianceSetup;

/**
 * The language a user hears prompts in: their own ({@link User#language()}), else the system language. Both come from
 * memory, so a SIP stripe may ask.
 */
@Component
public class UserLanguage {

    private final UserDirectory users;
    private final ApplianceSetup setup;

    public UserLanguage(UserDirectory users, ApplianceSetup setup) {
        this.users = users;
        this.setup = setup;
    }

    /** The language of {@code extension}'s user; the system language for null, an unknown extension or no choice. */
    public Language of(String extension) {
        return setup.languageOr(
                extension == null
                        ? null
                        : users.find(extension).map(User::language).orElse(null));
    }
}
