package org.tandem.media.srtp;

/** An a=crypto line or SDES offer we cannot take (RFC 4568); answered with SIP 488 Not Acceptable Here. */
public class SdesException extends IllegalArgumentException {
    public SdesException(String message) {
        super(message);
    }
}
