package org.tandem.media;

/** The SDP body does not parse (RFC 4566 §5); means SIP 400 Bad Request. The message names the bad line. */
public class InvalidSdpException extends IllegalArgumentException {
    public InvalidSdpException(String message) {
        super(message);
    }
}
