package org.tandem.provisioning.firstcontact.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.provisioning.firstcontact.FirstContact;

/** The {@code device_first_contact} table (V27__device_first_contact.sql). */
@Repository
public class FirstContactRepository {

    private static final String COLUMNS = "mac, waiting_source, waiting_user_agent, waiting_since_ms, waiting_last_ms, "
            + "accepted_source, accepted_until_ms";

    private final JdbcClient jdbc;

    public FirstContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<FirstContact> find(String mac) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_first_contact WHERE mac = ?")
                .param(mac)
                .query((rs, n) -> row(rs))
                .optional();
    }

    public List<FirstContact> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM device_first_contact ORDER BY mac")
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Inserts or replaces the phone's row. */
    public void save(FirstContact c) {
        Object[] values = {
            c.waitingSource(),
            cut(c.waitingUserAgent()),
            ms(c.waitingSince()),
            ms(c.waitingLast()),
            c.acceptedSource(),
            ms(c.acceptedUntil()),
            c.mac()
        };
        int updated = jdbc.sql(
                        "UPDATE device_first_contact SET waiting_source = ?, waiting_user_agent = ?, "
                                + "waiting_since_ms = ?, waiting_last_ms = ?, accepted_source = ?, accepted_until_ms = ? WHERE mac = ?")
                .params(values)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO device_first_contact (waiting_source, waiting_user_agent, waiting_since_ms, "
                            + "waiting_last_ms, accepted_source, accepted_until_ms, mac) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(values)
                    .update();
        }
    }

    /** Forgets the phone's first contact (it proved itself, or was handed its private URL). */
    public boolean delete(String mac) {
        return jdbc.sql("DELETE FROM device_first_contact WHERE mac = ?")
                        .param(mac)
                        .update()
                > 0;
    }

    private static FirstContact row(ResultSet rs) throws SQLException {
        return new FirstContact(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                instant(rs.getObject(4, Long.class)),
                instant(rs.getObject(5, Long.class)),
                rs.getString(6),
                instant(rs.getObject(7, Long.class)));
    }

    private static Instant instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    private static Long ms(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
    }
}
