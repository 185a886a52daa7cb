package org.tandem.media;

/** How a {@link MediaSession#play} ended. */
public enum PlaybackOutcome {
    /** the whole file was sent */
    FINISHED,
    /** {@link MediaSession#stopPlayback()} or a newer {@code play} replaced it */
    STOPPED,
    /** the session closed (hang-up, RTP timeout) before the end */
    SESSION_CLOSED
}
