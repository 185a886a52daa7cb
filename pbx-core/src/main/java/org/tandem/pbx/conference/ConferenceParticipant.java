package org.tandem.pbx.conference;

import java.time.Instant;

/**
 * Someone in a conference room now.
 *
 * @param id the participant's call (its Call-ID): what mute and kick name
 */
public record ConferenceParticipant(
        String id, String room, String caller, String callerName, boolean muted, Instant joinedAt) {}
