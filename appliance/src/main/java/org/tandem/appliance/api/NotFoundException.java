package org.tandem.appliance.api;

/** The thing a request names does not exist (404); the message says which. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
