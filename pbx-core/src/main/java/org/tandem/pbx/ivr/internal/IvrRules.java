package org.tandem.pbx.ivr.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.ivr.IvrMenuDraft;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/** Validation of IVR menus; every message names its field and says what is allowed. */
public final class IvrRules {

    /** A prompt of the prompt set: its text id (custom uploads get ids of the same form). */
    public static final Pattern PROMPT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    static final Pattern KEY = Pattern.compile("[0-9*#]");
    public static final String DEFAULT_INVALID_PROMPT = "ivr-invalid-option";

    private IvrRules() {}

    public static IvrMenu menu(String name, IvrMenuDraft d, KnownDestinations known) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (name == null || !Destination.LOCAL_ID.matcher(name).matches()) {
            errors.put("name", FieldError.of("ivr.name"));
        }
        Destination self = name == null ? null : new Destination.IvrMenu(name);
        String greeting = prompt(errors, "greetingPrompt", d.greetingPrompt(), null);
        String invalid = prompt(errors, "invalidPrompt", d.invalidPrompt(), DEFAULT_INVALID_PROMPT);
        Map<String, Destination> options = new TreeMap<>();
        Map<String, String> drafts = d.options() == null ? Map.of() : d.options();
        for (Map.Entry<String, String> e : drafts.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().strip();
            String field = "options." + key;
            if (!KEY.matcher(key).matches()) {
                errors.put(field, FieldError.of("ivr.key"));
                continue;
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                errors.put(field, FieldError.of("ivr.option-destination"));
                continue;
            }
            Destination dest = known.parse(errors, field, e.getValue(), self);
            if (dest != null) options.put(key, dest);
        }
        boolean byExtension = Boolean.TRUE.equals(d.dialByExtension());
        if (drafts.isEmpty() && !byExtension) {
            errors.put("options", FieldError.of("ivr.no-options"));
        }
        int digitTimeout = range(errors, "digitTimeoutSeconds", d.digitTimeoutSeconds(), 5, 1, 60);
        int interDigit = range(errors, "interDigitTimeoutSeconds", d.interDigitTimeoutSeconds(), 3, 1, 10);
        int retries = range(errors, "retries", d.retries(), 2, 0, 10);
        Destination fallback = known.parse(errors, "fallback", d.fallback(), self);
        if (fallback != null && fallback.equals(self)) {
            errors.put("fallback", FieldError.of("ivr.fallback-itself"));
        }
        Language.problem(d.language() == null || d.language().isBlank() ? null : d.language())
                .ifPresent(p -> errors.put("language", p));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        String language = d.language() == null || d.language().isBlank()
                ? null
                : Language.orEnglish(d.language()).code();
        return new IvrMenu(
                name, greeting, options, byExtension, digitTimeout, interDigit, invalid, retries, fallback, language);
    }

    private static String prompt(Map<String, FieldError> errors, String field, String value, String fallback) {
        String v = value == null || value.isBlank() ? fallback : value.strip();
        if (v == null) {
            errors.put(field, FieldError.of("ivr.prompt-required"));
        } else if (!PROMPT.matcher(v).matches()) {
            errors.put(field, FieldError.of("ivr.prompt-id"));
        }
        return v;
    }

    static int range(Map<String, FieldError> errors, String field, Integer value, int dflt, int min, int max) {
        int v = value == null ? dflt : value;
        if (v < min || v > max) errors.put(field, FieldError.of("common.range", min, max));
        return v;
    }
}
