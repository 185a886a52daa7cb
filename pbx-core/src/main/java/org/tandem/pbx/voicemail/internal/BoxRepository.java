package org.tandem.pbx.voicemail.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code voicemail_box} table. */
@Repository
public class BoxRepository {

    private static final String COLUMNS = "extension, enabled, pin_hash, max_message_seconds, greeting, email_notify, "
            + "delete_after_email, updated_ms, pin_skip_own_phone";

    private final JdbcClient jdbc;

    public BoxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<BoxRow> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM voicemail_box")
                .query((rs, n) -> new BoxRow(
                        rs.getString(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getBoolean(7),
                        rs.getLong(8),
                        rs.getBoolean(9)))
                .list();
    }

    /** Inserts the box unless it exists; true when inserted. */
    public boolean insertIfMissing(BoxRow b) {
        Integer present = jdbc.sql("SELECT COUNT(*) FROM voicemail_box WHERE extension = ?")
                .param(b.extension())
                .query(Integer.class)
                .single();
        if (present > 0) return false;
        jdbc.sql("INSERT INTO voicemail_box (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        b.extension(),
                        b.enabled(),
                        b.pinHash(),
                        b.maxMessageSeconds(),
                        b.greeting(),
                        b.emailNotify(),
                        b.deleteAfterEmail(),
                        b.updatedMs(),
                        b.pinSkipOwnPhone())
                .update();
        return true;
    }

    public int update(BoxRow b) {
        return jdbc.sql(
                        "UPDATE voicemail_box SET enabled = ?, pin_hash = ?, max_message_seconds = ?, greeting = ?, "
                                + "email_notify = ?, delete_after_email = ?, updated_ms = ?, pin_skip_own_phone = ? WHERE extension = ?")
                .params(
                        b.enabled(),
                        b.pinHash(),
                        b.maxMessageSeconds(),
                        b.greeting(),
                        b.emailNotify(),
                        b.deleteAfterEmail(),
                        b.updatedMs(),
                        b.pinSkipOwnPhone(),
                        b.extension())
                .update();
    }
}
