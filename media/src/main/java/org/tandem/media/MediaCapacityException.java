package org.tandem.media;

/** Every RTP port pair of {@code tandem.media.rtp-port-min/max} is in use; means SIP 503 with Retry-After. */
public class MediaCapacityException extends RuntimeException {
    public MediaCapacityException(String message) {
        super(message);
    }
}
