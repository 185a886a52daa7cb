package org.tandem.pbx.voicemail.internal;

import org.springframework.stereotype.Component;
import org.tandem.pbx.directory.UserLanguage;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.prompt.Prompts;

/** The prompts a voicemail box speaks: in its owner's language ({@link UserLanguage}). */
@Component
class BoxLanguage {

    private final Prompts prompts;
    private final UserLanguage languages;

    BoxLanguage(Prompts prompts, UserLanguage languages) {
        this.prompts = prompts;
        this.languages = languages;
    }

    /** The prompts of {@code box}'s owner, or in the system language when there is no box (yet) or no owner. */
    LanguagePrompts of(String box) {
        return prompts.in(languages.of(box));
    }
}
