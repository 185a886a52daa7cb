package org.tandem.pbx.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Input that breaks a rule; {@link #errors()} names each bad field with a {@link FieldError}, which
 * {@link #fieldErrors()} reads in English (the API, logs) and {@link #fieldErrors(Locale)} in a person's language.
 */
public class InvalidInputException extends RuntimeException {

    private final Map<String, FieldError> errors;

    /** Errors whose texts have no key (they read the same in every language). */
    public InvalidInputException(Map<String, String> fieldErrors) {
        this(literals(fieldErrors), "");
    }

    /** One bad field: {@code field} breaks the rule {@code key} with {@code args}. */
    public InvalidInputException(String field, String key, Object... args) {
        this(Map.of(field, FieldError.of(key, args)), "");
    }

    /** Each bad field (in the order given) with what is wrong with it. */
    public static InvalidInputException of(Map<String, FieldError> errors) {
        return new InvalidInputException(errors, "");
    }

    /** @param unused only to differ from the public constructor, whose map erases to the same type */
    private InvalidInputException(Map<String, FieldError> errors, String unused) {
        super("Invalid input: " + errors);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** Each bad field with its keyed error. */
    public Map<String, FieldError> errors() {
        return errors;
    }

    /** Each bad field with a sentence in English. */
    public Map<String, String> fieldErrors() {
        return fieldErrors(Locale.ENGLISH);
    }

    /** Each bad field with a sentence in {@code locale}'s language (English where Tandem has no such language). */
    public Map<String, String> fieldErrors(Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        errors.forEach((field, error) -> texts.put(field, error.text(locale)));
        return Collections.unmodifiableMap(texts);
    }

    private static Map<String, FieldError> literals(Map<String, String> texts) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        texts.forEach((field, text) -> errors.put(field, FieldError.literal(text)));
        return errors;
    }
}
