package org.tandem.media.sdp;

/**
 * One m= line of a description read by {@link SessionDescription#scanMedia} (without building the model), with the
 * connection address in force for it.
 *
 * @param connection its own c= address, else the session's (RFC 4566 §5.7), as {@link
 *                   SessionDescription#connectionOf} gives it; null when neither has one
 */
public record ScannedMedia(String type, int port, String proto, String connection) implements MediaLine {}
