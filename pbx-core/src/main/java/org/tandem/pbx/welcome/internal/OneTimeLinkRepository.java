package org.tandem.pbx.welcome.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one-time links (V69__one_time_link.sql), by the SHA-256 of their token and what they are for. */
@Repository
public class OneTimeLinkRepository {

    /** A link as stored: whose it is and until when it may be used. */
    public record Link(String extension, Instant expiresAt) {}

    private final JdbcClient jdbc;

    public OneTimeLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String purpose, String tokenHash, String extension, Instant now, Instant expiresAt) {
        jdbc.sql(
                        "INSERT INTO one_time_link (token_hash, purpose, extension, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(tokenHash, purpose, extension, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
    }

    public Optional<Link> find(String purpose, String tokenHash) {
        return jdbc.sql("SELECT extension, expires_at FROM one_time_link WHERE token_hash = ? AND purpose = ?")
                .params(tokenHash, purpose)
                .query((rs, n) -> new Link(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    /** @return whether this call removed it (so of two redemptions at once only one wins) */
    public boolean delete(String purpose, String tokenHash) {
        return jdbc.sql("DELETE FROM one_time_link WHERE token_hash = ? AND purpose = ?")
                        .params(tokenHash, purpose)
                        .update()
                == 1;
    }

    /** Every older link of the user for this purpose: a newer one makes them useless. */
    public void deleteOf(String purpose, String extension) {
        jdbc.sql("DELETE FROM one_time_link WHERE extension = ? AND purpose = ?")
                .params(extension, purpose)
                .update();
    }

    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM one_time_link WHERE expires_at <= ?")
                .param(Timestamp.from(now))
                .update();
    }
}
