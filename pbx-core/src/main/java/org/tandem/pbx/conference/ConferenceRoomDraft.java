package org.tandem.pbx.conference;

/**
 * A conference room as submitted (REST API, web UI), checked by {@link ConferenceRooms}. Defaults: no PIN,
 * 20 participants, not recorded, unlocked, join/leave announced.
 *
 * @param pin       4 to 12 digits; on update null keeps the current PIN and {@code ""} removes it
 * @param language  en, de, fr or es; on update null keeps the current one and {@code ""} follows the system language
 */
public record ConferenceRoomDraft(
        String number,
        String name,
        String pin,
        Integer maxParticipants,
        Boolean record,
        Boolean locked,
        Boolean announceJoinLeave,
        String language) {

    /** A draft that leaves the language alone. */
    public ConferenceRoomDraft(
            String number,
            String name,
            String pin,
            Integer maxParticipants,
            Boolean record,
            Boolean locked,
            Boolean announceJoinLeave) {
        this(number, name, pin, maxParticipants, record, locked, announceJoinLeave, null);
    }
}
