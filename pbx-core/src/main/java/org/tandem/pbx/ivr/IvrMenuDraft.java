package org.tandem.pbx.ivr;

import java.util.Map;

/**
 * An IVR menu as submitted (REST API, web UI), checked by {@link IvrMenus}; null fields take their defaults
 * (dial-by-extension off, digit timeout 5 s, inter-digit timeout 3 s, invalid prompt {@code ivr-invalid-option},
 * 2 retries, fallback hang up).
 *
 * @param language en, de, fr or es; null keeps the menu's (on create: the system language), "" the system language
 * @param options digit ("0"–"9", "*", "#") → destination text ({@code extension:201}, {@code ringgroup:600}, ...)
 */
public record IvrMenuDraft(
        String name,
        String greetingPrompt,
        Map<String, String> options,
        Boolean dialByExtension,
        Integer digitTimeoutSeconds,
        Integer interDigitTimeoutSeconds,
        String invalidPrompt,
        Integer retries,
        String fallback,
        String language) {

    /** A draft that leaves the language alone (the system language for a new menu). */
    public IvrMenuDraft(
            String name,
            String greetingPrompt,
            Map<String, String> options,
            Boolean dialByExtension,
            Integer digitTimeoutSeconds,
            Integer interDigitTimeoutSeconds,
            String invalidPrompt,
            Integer retries,
            String fallback) {
        this(
                name,
                greetingPrompt,
                options,
                dialByExtension,
                digitTimeoutSeconds,
                interDigitTimeoutSeconds,
                invalidPrompt,
                retries,
                fallback,
                null);
    }
}
