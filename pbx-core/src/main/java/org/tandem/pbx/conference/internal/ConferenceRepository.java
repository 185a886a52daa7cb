package org.tandem.pbx.conference.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.conference.ConferenceRoom;

/** The conference_room table (V11__ivr_conference.sql). */
@Repository
public class ConferenceRepository {

    private final JdbcClient jdbc;

    public ConferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ConferenceRoom> all() {
        return jdbc.sql("SELECT room_number, name, pin_hash, max_participants, record_calls, is_locked, "
                        + "announce_join_leave, language FROM conference_room")
                .query((rs, n) -> new ConferenceRoom(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getBoolean(5),
                        rs.getBoolean(6),
                        rs.getBoolean(7),
                        rs.getString(8)))
                .list();
    }

    public void insert(ConferenceRoom r) {
        jdbc.sql("INSERT INTO conference_room (name, pin_hash, max_participants, record_calls, is_locked, "
                        + "announce_join_leave, language, updated_at, room_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(r))
                .update();
    }

    public int update(ConferenceRoom r) {
        return jdbc.sql("UPDATE conference_room SET name = ?, pin_hash = ?, max_participants = ?, record_calls = ?, "
                        + "is_locked = ?, announce_join_leave = ?, language = ?, updated_at = ? WHERE room_number = ?")
                .params(values(r))
                .update();
    }

    public int delete(String number) {
        return jdbc.sql("DELETE FROM conference_room WHERE room_number = ?")
                .param(number)
                .update();
    }

    private static Object[] values(ConferenceRoom r) {
        return new Object[] {
            r.name(),
            r.pinHash(),
            r.maxParticipants(),
            r.record(),
            r.locked(),
            r.announceJoinLeave(),
            r.language(),
            Timestamp.from(Instant.now()),
            r.number()
        };
    }
}
