package org.tandem.media;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/**
 * One RTP audio stream answered by the engine (one call leg terminated on a media service).
 * Methods may be called from any thread and never block on the network or the disk; completions and
 * {@link MediaEvents} run on the session's callback executor.
 */
public interface MediaSession extends AutoCloseable {

    /** The SDP answer to send in the 200 OK (or in the answer to a re-INVITE after {@link #updateRemote}). */
    String answerSdp();

    /**
     * The call is confirmed (the ACK of our 2xx, RFC 3261 §13.3.1.4): the RTP timeout counts from now. Before, the far
     * end had no reason to send; a caller slow to confirm is not a dead stream.
     */
    default void confirmed() {}

    /**
     * Plays an 8 kHz 16-bit mono WAV file at real-time pace, replacing what was playing (which completes
     * {@link PlaybackOutcome#STOPPED}). The file is read on the media IO pool.
     */
    CompletionStage<PlaybackOutcome> play(Path wav);

    /** Plays samples already in memory (8 kHz, 16-bit mono), e.g. a generated tone or a cached prompt. */
    CompletionStage<PlaybackOutcome> play(short[] samples);

    void stopPlayback();

    /** Records what the far end sends until one of {@code options}' conditions; replaces a running recording. */
    CompletionStage<Recording> record(RecordOptions options);

    /** Ends a running recording now (its completion says {@code STOPPED}). */
    void stopRecording();

    /** A digit from SIP INFO (application/dtmf-relay): treated exactly like an RFC 4733 event. */
    void dtmfFromSipInfo(char digit);

    /**
     * A new offer in the dialog (re-INVITE, e.g. hold: sendonly or c=0.0.0.0; resume: sendrecv).
     *
     * @return the new answer (same port, o= version incremented, RFC 3264 §8)
     */
    String updateRemote(String sdpOffer) throws NoCommonCodecException;

    /** True when the stream is SRTP with SDES keys (RFC 4568, issue 22). */
    default boolean isSrtp() {
        return false;
    }

    /** The local RTP port (even; RTCP is the next one). */
    int localRtpPort();

    boolean isClosed();

    /** Stops media, frees the ports and threads; running playback and recording complete. Idempotent. */
    @Override
    void close();
}
