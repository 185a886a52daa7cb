package org.tandem.pbx.welcome.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one-time password links (V48__web_password_link.sql), by the SHA-256 of their token. */
@Repository
public class PasswordLinkRepository {

    /** A link as stored: whose it is and until when it may be used. */
    public record Link(String extension, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    public PasswordLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String tokenHash, String extension, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO web_password_link (token_hash, extension, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(tokenHash, extension, Timestamp.from(now), Timestamp.from(expiresAt)).update();
    }

    public Optional<Link> find(String tokenHash) {
        return jdbc.sql("SELECT extension, expires_at FROM web_password_link WHERE token_hash = ?").param(tokenHash)
                .query((rs, n) -> new Link(rs.getString(1), rs.getTimestamp(2).toInstant())).optional();
    }

    /** @return whether this call removed it (so of two redemptions at once only one wins) */
    public boolean delete(String tokenHash) {
        return jdbc.sql("DELETE FROM web_password_link WHERE token_hash = ?").param(tokenHash).update() == 1;
    }

    /** Every older link of the user: a new welcome e-mail makes the earlier ones useless. */
    public void deleteOf(String extension) {
        jdbc.sql("DELETE FROM web_password_link WHERE extension = ?").param(extension).update();
    }

    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM web_password_link WHERE expires_at <= ?").param(Timestamp.from(now)).update();
    }
}
