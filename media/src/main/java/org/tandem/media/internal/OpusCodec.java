package org.tandem.media.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jitsi.impl.neomedia.codec.audio.opus.Opus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.Wav;

/**
 * Opus (RFC 7587) through libjitsi's native libopus binding ({@code libjnopus}), used directly with the
 * encoder and decoder at 8 kHz: libopus resamples internally, so the engine stays at 8 kHz while the RTP
 * clock is 48 kHz (RFC 7587 §4.1). libjitsi's FMJ Opus codec is not used (its send chain fails, docs/media/libjitsi.md).
 * Synchronized: the encoder runs on the media clock, the decoder on the receive thread, and freeing the
 * native state while either runs would crash the JVM.
 */
final class OpusCodec implements FrameCodec {

    private static final Logger log = LoggerFactory.getLogger(OpusCodec.class);
    private static final int MAX_FRAME = 960; // 120 ms at 8 kHz, the longest Opus packet (RFC 6716 §3.2.1)
    private static final short[] NOTHING = new short[0];
    private static Boolean available;

    private final byte[] pcmBytes = new byte[MAX_FRAME * 2];
    private final byte[] decoded = new byte[MAX_FRAME * 2];
    private long encoder;
    private long decoder;
    private boolean closed;

    /** True when the native library loads on this machine (checked once). */
    static synchronized boolean available() {
        if (available == null) {
            try {
                Opus.assertOpusIsFunctional();
                available = true;
            } catch (Throwable e) { // UnsatisfiedLinkError and friends: no Opus here, G.711 only
                log.warn("Opus is not available ({}); only PCMU/PCMA will be answered", e.toString());
                available = false;
            }
        }
        return available;
    }

    @Override
    public synchronized int encode(short[] pcm, int n, byte[] out) {
        if (closed) return 0;
        if (encoder == 0) encoder = Opus.encoder_create(Wav.SAMPLE_RATE, 1);
        ByteBuffer.wrap(pcmBytes).order(ByteOrder.nativeOrder()).asShortBuffer().put(pcm, 0, n);
        int length = Opus.encode(encoder, pcmBytes, 0, n, out, 0, out.length);
        return Math.max(0, length);
    }

    @Override
    public synchronized short[] decode(byte[] buffer, int offset, int length) {
        if (closed || length <= 0) return NOTHING;
        if (decoder == 0) decoder = Opus.decoder_create(Wav.SAMPLE_RATE, 1);
        int samples = Opus.decode(decoder, buffer, offset, length, decoded, 0, MAX_FRAME, 0);
        if (samples <= 0) return NOTHING;
        short[] pcm = new short[samples];
        ByteBuffer.wrap(decoded).order(ByteOrder.nativeOrder()).asShortBuffer().get(pcm, 0, samples);
        return pcm;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (encoder != 0) Opus.encoder_destroy(encoder);
        if (decoder != 0) Opus.decoder_destroy(decoder);
        encoder = 0;
        decoder = 0;
    }
}
