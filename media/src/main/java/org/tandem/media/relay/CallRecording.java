package org.tandem.media.relay;

import java.util.concurrent.CompletableFuture;

/**
 * A relayed call being recorded: both parties' audio, copied off the relay's IO thread (forwarding never waits for
 * the recorder), into one stereo WAV (caller left, callee right). See {@link RelayCall#record}.
 */
public interface CallRecording {

    /**
     * Stops copying and finishes the file: the rest of the queue is written, the header completed, the file fsynced
     * and renamed to its name. Never blocks; the future completes on the recorder's thread (exceptionally when the
     * disk failed: nothing is left at the target then). Idempotent: later calls return the same future.
     */
    CompletableFuture<RecordedAudio> stop();

    /** Packets the recorder could not keep up with (its bounded queue was full) so far. */
    long packetsDropped();
}
