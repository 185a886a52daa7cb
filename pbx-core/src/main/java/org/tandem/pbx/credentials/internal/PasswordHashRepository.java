package org.tandem.pbx.credentials.internal;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the stored web password hashes: {@code admin_account.password_hash} (V1) and {@code sip_user.web_password_hash}
 * (V5). The rows belong to their features (the appliance's admin accounts, {@code directory}'s users), which write
 * them; logins read them here, one query per try (a browser or API login, never the SIP path).
 */
@Repository
public class PasswordHashRepository {

    /** An admin account's role and hash. */
    public record AdminHash(String username, String role, String hash) {}

    private final JdbcClient jdbc;

    public PasswordHashRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AdminHash> adminAccount(String username) {
        return jdbc.sql("SELECT username, role, password_hash FROM admin_account WHERE username = ?")
                .param(username)
                .query((rs, n) -> new AdminHash(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** The user's web password hash; empty when there is no such user or it has no web password. */
    public Optional<String> userWebPassword(String extension) {
        return jdbc.sql("SELECT web_password_hash FROM sip_user WHERE extension = ?")
                .param(extension)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(h -> h);
    }
}
