package org.tandem.pbx.voicemail.internal;

import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.setup.ApplianceSetup;

/**
 * The language a voicemail box speaks: its owner's (the user's {@code language}), else the system language. Both
 * come from memory, so the SIP stripe may ask.
 */
@Component
class BoxLanguage {

    private final Prompts prompts;
    private final UserDirectory users;
    private final ApplianceSetup setup;

    BoxLanguage(Prompts prompts, UserDirectory users, ApplianceSetup setup) {
        this.prompts = prompts;
        this.users = users;
        this.setup = setup;
    }

    /** The prompts of {@code box}'s owner, or in the system language when there is no box (yet) or no owner. */
    LanguagePrompts of(String box) {
        String code = box == null ? null : users.find(box).map(User::language).orElse(null);
        return prompts.in(setup.languageOr(code));
    }
}
