package org.tandem.pbx.conference;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Who is in which conference room now, and what an admin can do to them: mute or unmute, remove. Rooms are
 * kept by the call flow ({@code internal.ConferenceBridge}); locking a room is a setting ({@link ConferenceRooms#update}).
 */
@Service
public class ConferenceCalls {

    /** What the call flow registers: one per live room. */
    public interface Room {
        List<ConferenceParticipant> participants();

        /** @return false when no such participant is in the room */
        boolean mute(String participantId, boolean muted);

        /** @return false when no such participant is in the room */
        boolean kick(String participantId);
    }

    private final Map<String, Room> live = new ConcurrentHashMap<>();

    public List<ConferenceParticipant> participants(String room) {
        Room r = live.get(room);
        return r == null ? List.of() : r.participants();
    }

    public boolean mute(String room, String participantId, boolean muted) {
        Room r = live.get(room);
        return r != null && r.mute(participantId, muted);
    }

    public boolean kick(String room, String participantId) {
        Room r = live.get(room);
        return r != null && r.kick(participantId);
    }

    /** The room's live state, made by {@code factory} when nobody is in it yet. */
    public Room open(String room, Function<String, Room> factory) {
        return live.computeIfAbsent(room, factory);
    }

    /** The room emptied: forget it (only if it is still {@code r}). */
    public void closed(String room, Room r) {
        live.remove(room, r);
    }
}
