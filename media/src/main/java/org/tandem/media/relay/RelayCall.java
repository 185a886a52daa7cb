package org.tandem.media.relay;

import java.nio.file.Path;
import java.util.Set;

/** One relayed call: two legs, {@link Side#CALLER} and {@link Side#CALLEE}, each facing one party. */
public interface RelayCall extends AutoCloseable {

    /** The relay's face towards {@code side}'s party. Packets that party sends to it go out of the other leg. */
    RelayLeg leg(Side side);

    String callId();

    boolean isClosed();

    /**
     * Starts recording both parties' audio into a stereo WAV that appears at {@code target} only when complete (it is
     * written to a hidden {@code .part} file beside it, fsynced and renamed when stopped, so a crash never leaves a
     * half-written file under that name). Only G.711 (PCMU/PCMA, payload types 0 and 8) is decoded; other packets
     * are skipped and their span stays silent. Closing the call stops the recording and finishes the file. No disk
     * I/O happens on the calling thread.
     *
     * @throws IllegalStateException the call is closed or already being recorded
     */
    CallRecording record(Path target);

    /**
     * Watches the RFC 4733 telephone-events {@code side}'s party sends (payload types {@code eventTypes}) for the key
     * code {@code code} (e.g. {@code *1}; keys 0-9, *, #, A-D) and runs {@code onCode} on the call's executor each time
     * the party completes it (issue 18: on-demand recording). The code's events never reach the other party: an
     * event that may begin the code is held back until the next key (or 2 s) shows whether it was the code, and is
     * then dropped or relayed late. Replaces the side's previous watch; a null code stops watching.
     *
     * @throws IllegalArgumentException the code holds something that is not a key
     */
    default void watchKeys(Side side, String code, Set<Integer> eventTypes, Runnable onCode) {
        throw new UnsupportedOperationException("key codes");
    }

    /**
     * Plays {@code samples} (8 kHz 16-bit mono) to both parties (issue 18: "this call is being recorded"): mixed into
     * the G.711 packets (PCMU 0, PCMA 8) each receives from the other, in place, so their streams stay as they were
     * (SSRC, sequence, timestamps); it plays at the pace the other party sends, and not into other codecs. What the
     * recording tap gets is the parties' own audio, without it. Replaces an announcement still playing.
     */
    default void announce(short[] samples) {
        throw new UnsupportedOperationException("announcements");
    }

    /**
     * Opus ↔ G.711 between the two parties from the next packet on ({@link Transcoding}); null relays packets
     * unchanged again. The same transcoding again keeps the coder state (a re-INVITE that changed nothing).
     *
     * @throws IllegalStateException Opus's native library is not available here
     */
    default void transcode(Transcoding transcoding) {
        throw new UnsupportedOperationException("transcoding");
    }

    /** True when {@link #transcode} can work here (Opus's native library loads). */
    default boolean canTranscode() {
        return false;
    }

    /** What is transcoded now, or null. */
    default Transcoding transcoding() {
        return null;
    }

    /** The recording running now, or null. */
    CallRecording recording();

    /** Stops forwarding and frees both legs' ports. Idempotent. */
    @Override
    void close();
}
