package org.tandem.pbx.validation;

/** Something with that identity already exists (REST: 409). */
public class DuplicateException extends RuntimeException {

    public DuplicateException(String message) {
        super(message);
    }
}
