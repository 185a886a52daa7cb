package org.tandem.media;

import java.util.Set;

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

    /** Removes every participant (their sessions stay open). */
    @Override
    void close();
}
