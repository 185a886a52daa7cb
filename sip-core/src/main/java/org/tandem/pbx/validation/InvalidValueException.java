package org.tandem.pbx.validation;

/**
 * A parser's refusal of one value (a multicast address, an allow-list entry, a key file...) as a {@link FieldError},
 * so the feature that parsed it can name the field and the reader gets the sentence in their language. Still an
 * {@link IllegalArgumentException} with the English sentence as its message, for callers that only need "no".
 */
public class InvalidValueException extends IllegalArgumentException {

    private final transient FieldError error;

    public InvalidValueException(String key, Object... args) {
        this(FieldError.of(key, args));
    }

    public InvalidValueException(FieldError error) {
        super(error.text());
        this.error = error;
    }

    /** What is wrong, as a key and its arguments. */
    public FieldError error() {
        return error;
    }
}
