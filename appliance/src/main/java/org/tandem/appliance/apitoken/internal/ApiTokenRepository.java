package org.tandem.appliance.apitoken.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ApiTokenRepository {

    /** A stored token; {@code tokenHash} is the hex SHA-256 of the token. */
    public record Row(
            String id,
            String name,
            String tokenHash,
            String role,
            String owner,
            Instant createdAt,
            Instant lastUsedAt) {}

    private static final String COLUMNS = "id, name, token_hash, role, owner, created_at, last_used_at";

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row r) {
        jdbc.sql("INSERT INTO api_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL)")
                .params(r.id(), r.name(), r.tokenHash(), r.role(), r.owner(), Timestamp.from(r.createdAt()))
                .update();
    }

    public List<Row> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY name")
                .query(ApiTokenRepository::row)
                .list();
    }

    public Optional<Row> findByHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = ?")
                .param(tokenHash)
                .query(ApiTokenRepository::row)
                .optional();
    }

    public int delete(String id) {
        return jdbc.sql("DELETE FROM api_token WHERE id = ?").param(id).update();
    }

    public void touch(String id, Instant when) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
                .params(Timestamp.from(when), id)
                .update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp used = rs.getTimestamp(7);
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                used == null ? null : used.toInstant());
    }
}
