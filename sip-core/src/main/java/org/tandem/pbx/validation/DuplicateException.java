package org.tandem.pbx.validation;

import java.util.Locale;

/**
 * Something with that identity already exists (REST: 409). The sentence is a {@link FieldError}, so the API and
 * the logs read it in English ({@link #getMessage()}) and the web UI in the admin's language ({@link #text(Locale)}).
 */
public class DuplicateException extends RuntimeException {

    private final transient FieldError error;

    /** The message {@code key} of {@code messages/validation*.properties} with its arguments. */
    public DuplicateException(String key, Object... args) {
        this(FieldError.of(key, args));
    }

    public DuplicateException(FieldError error) {
        super(error.text());
        this.error = error;
    }

    /** What already exists, as a key and its arguments. */
    public FieldError error() {
        return error;
    }

    /** The sentence in {@code locale}'s language (English where Tandem has no such language). */
    public String text(Locale locale) {
        return error.text(locale);
    }
}
