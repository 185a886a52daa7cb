package org.tandem.pbx.conference;

/**
 * A conference room, dialled by its {@code number} (a number of the dial plan like extensions) or reached
 * as {@code conference:<number>}. The PIN is kept only as a bcrypt hash.
 *
 * @param pinHash             bcrypt hash of the PIN, or null when the room is open to every caller
 * @param locked              no new participants while set (the ones inside stay)
 * @param announceJoinLeave   play a tone/prompt to the room when someone joins or leaves
 * @param language            the code (en, de, fr, es) of the room's prompts; null: the system language
 */
public record ConferenceRoom(
        String number,
        String name,
        String pinHash,
        int maxParticipants,
        boolean record,
        boolean locked,
        boolean announceJoinLeave,
        String language) {

    /** A room in the system language. */
    public ConferenceRoom(
            String number,
            String name,
            String pinHash,
            int maxParticipants,
            boolean record,
            boolean locked,
            boolean announceJoinLeave) {
        this(number, name, pinHash, maxParticipants, record, locked, announceJoinLeave, null);
    }

    public boolean hasPin() {
        return pinHash != null;
    }
}
