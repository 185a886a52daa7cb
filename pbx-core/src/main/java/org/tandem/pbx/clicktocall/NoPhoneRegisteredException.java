package org.tandem.pbx.clicktocall;

/** The user has no registered phone that Tandem can ring for a click-to-call (the API answers 409). */
public class NoPhoneRegisteredException extends RuntimeException {

    public NoPhoneRegisteredException(String message) {
        super(message);
    }
}
