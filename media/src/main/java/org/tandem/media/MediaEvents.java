package org.tandem.media;

/**
 * What a {@link MediaSession} tells its owner. Every method runs on the executor given to
 * {@link MediaEngine#answer} (in pbx-core: the call's Call-ID stripe), never on a media thread.
 */
public interface MediaEvents {

    /** A DTMF digit ({@code 0-9 * # A-D}) arrived, by RFC 4733 telephone-event or SIP INFO. */
    default void dtmf(char digit) {}

    /**
     * No RTP arrived for {@code tandem.media.rtp-timeout} while the far end should be sending (not on hold).
     * The session has already been closed and its ports freed; the owner should end the call (BYE).
     */
    default void rtpTimeout() {}
}
