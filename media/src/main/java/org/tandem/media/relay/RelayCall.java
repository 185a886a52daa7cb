package org.tandem.media.relay;

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
    CallRecording record(java.nio.file.Path target);

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
