package org.tandem.pbx.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's presence as the agent of a queue, as they (portal, feature codes) or an admin (REST API) set it: logged out,
 * available, or paused with a reason. A queue's static members are always logged in; others log in and out. A paused
 * agent is not rung by that queue until they resume; pauses and logins survive a restart.
 */
public interface QueueAgents {

    enum Presence {
        /** not an agent of the queue now (a static member never is) */
        LOGGED_OUT,
        /** takes the queue's calls when free */
        AVAILABLE,
        /** an agent, but the queue's calls do not ring them */
        PAUSED
    }

    /**
     * @param member      a static member of the queue (cannot log out)
     * @param reason      why they paused (null when not paused, or no reason was given)
     * @param pausedSince when they paused (null when not paused)
     */
    record AgentPresence(
            String queue, String extension, boolean member, Presence presence, String reason, Instant pausedSince) {}

    /** {@code extension}'s presence in every queue, by queue number (the portal's list). */
    List<AgentPresence> presenceOf(String extension);

    /** {@code extension}'s presence in queue {@code queue}; empty when there is no such queue or user. */
    Optional<AgentPresence> presence(String queue, String extension);

    /**
     * Sets {@code extension}'s presence in queue {@code queue} and returns once it is stored: AVAILABLE logs a user in
     * (and resumes), PAUSED logs in if need be and pauses with {@code reason} (optional, at most 64 characters),
     * LOGGED_OUT resumes and logs out.
     *
     * @param presence one of {@link Presence}, any case
     * @return empty when there is no such queue or user
     * @throws org.tandem.pbx.validation.InvalidInputException naming the bad field (state, reason), also when a static
     *                                                         member is to log out
     */
    Optional<AgentPresence> set(String queue, String extension, String presence, String reason);
}
