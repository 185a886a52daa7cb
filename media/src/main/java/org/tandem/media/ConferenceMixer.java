package org.tandem.media;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Mixes the audio of its sessions: each hears everyone else but not themselves; a muted participant is
 * heard by nobody but still hears the others. While in a mixer a session's own playback has priority
 * (e.g. a join tone or "you are muted"), then the mix resumes.
 */
public interface ConferenceMixer extends AutoCloseable {

    void join(MediaSession session);

    void leave(MediaSession session);

    void mute(MediaSession session, boolean muted);

    Set<MediaSession> participants();

    /**
     * Records the whole room (everyone who is not muted, summed) until {@code maxLength} or {@link #stopRecording};
     * the WAV is written on the media IO pool and the completion runs on {@code callbackExecutor}. Replaces a running
     * recording (which completes STOPPED). Closing the mixer completes it with SESSION_CLOSED.
     */
    CompletionStage<Recording> record(Duration maxLength, Executor callbackExecutor);

    /** Ends the room's recording now (STOPPED); nothing when none runs. */
    void stopRecording();

    /** Removes every participant (their sessions stay open). */
    @Override
    void close();
}
