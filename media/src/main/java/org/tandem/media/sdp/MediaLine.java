package org.tandem.media.sdp;

/**
 * What an m= line says of its stream (RFC 4566 §5.14): media, port and transport protocol. A parsed {@link
 * MediaDescription} says it, and so does a {@link ScannedMedia} read without the model, so rules about streams (which
 * is the first audio, which are RTP) are written once for both.
 */
public interface MediaLine {

    /** The media: audio, video, application, ... */
    String type();

    /** The port; 0 for a declined or removed stream (RFC 3264 §6, §8.2). */
    int port();

    /** The transport protocol: RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF, UDP/BFCP, ... */
    String proto();

    /** True for RTP profiles (RTP/AVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF, ...), false for e.g. a data channel. */
    default boolean isRtp() {
        return proto().contains("RTP/");
    }
}
