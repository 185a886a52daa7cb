package org.tandem.pbx.directory.internal;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<UserRow> findAll() {
        return jdbc.sql("SELECT extension, display_name, email, secret_enc, created_at, updated_at, language "
                        + "FROM sip_user ORDER BY extension")
                .query((rs, n) -> new UserRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .list();
    }

    public void insert(UserRow u) {
        jdbc.sql("INSERT INTO sip_user (extension, display_name, email, secret_enc, created_at, updated_at, language) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        u.extension(),
                        u.displayName(),
                        u.email(),
                        u.secretEnc(),
                        Timestamp.from(u.createdAt()),
                        Timestamp.from(u.updatedAt()),
                        u.language())
                .update();
    }

    public int update(UserRow u) {
        return jdbc.sql("UPDATE sip_user SET display_name = ?, email = ?, secret_enc = ?, updated_at = ?, language = ? "
                        + "WHERE extension = ?")
                .params(
                        u.displayName(),
                        u.email(),
                        u.secretEnc(),
                        Timestamp.from(u.updatedAt()),
                        u.language(),
                        u.extension())
                .update();
    }

    public int delete(String extension) {
        return jdbc.sql("DELETE FROM sip_user WHERE extension = ?")
                .param(extension)
                .update();
    }

    /** The bcrypt hash of the user's portal password, null when none is set (or no such user). */
    public String webPasswordHash(String extension) {
        return jdbc.sql("SELECT web_password_hash FROM sip_user WHERE extension = ?")
                .param(extension)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    public int updateWebPasswordHash(String extension, String hash) {
        return jdbc.sql("UPDATE sip_user SET web_password_hash = ? WHERE extension = ?")
                .params(hash, extension)
                .update();
    }
}
