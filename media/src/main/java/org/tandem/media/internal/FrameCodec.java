package org.tandem.media.internal;

/**
 * Encodes and decodes one session's audio frames: 8 kHz 16-bit samples inside the engine, the
 * negotiated codec on the wire. G.711 is stateless; Opus holds native encoder/decoder state.
 */
public interface FrameCodec extends AutoCloseable {

    /** Encodes {@code n} samples into {@code out}; returns the payload length (0: nothing to send). */
    int encode(short[] pcm, int n, byte[] out);

    /** Decodes one RTP payload to 8 kHz samples (empty when it cannot). */
    short[] decode(byte[] buffer, int offset, int length);

    @Override
    void close();
}
