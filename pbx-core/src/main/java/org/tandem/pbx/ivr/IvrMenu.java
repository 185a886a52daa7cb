package org.tandem.pbx.ivr;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.tandem.pbx.routing.Destination;

/**
 * An IVR menu (auto attendant), reached as {@code ivr:<name>}: the caller hears the greeting and presses a
 * digit (0–9, *, #) that routes to its destination, or, with dial-by-extension, types an extension.
 * After {@code retries} more attempts with no or invalid input the call goes to {@code fallback}
 * (hang up when null). Prompts are ids of the prompt set (e.g. {@code ivr-welcome}).
 *
 * @param digitTimeoutSeconds      how long after the greeting the caller has to press the first digit
 * @param interDigitTimeoutSeconds how long between the digits of an extension before it counts as complete
 * @param language                 the code (en, de, fr, es) the menu's prompts are played in; null: the system language
 */
public record IvrMenu(
        String name,
        String greetingPrompt,
        Map<String, Destination> options,
        boolean dialByExtension,
        int digitTimeoutSeconds,
        int interDigitTimeoutSeconds,
        String invalidPrompt,
        int retries,
        Destination fallback,
        String language) {

    /** A menu in the system language. */
    public IvrMenu(
            String name,
            String greetingPrompt,
            Map<String, Destination> options,
            boolean dialByExtension,
            int digitTimeoutSeconds,
            int interDigitTimeoutSeconds,
            String invalidPrompt,
            int retries,
            Destination fallback) {
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

    public IvrMenu {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** The destination of one key, or null. */
    public Destination option(char digit) {
        return options.get(String.valueOf(digit));
    }
}
