package org.tandem.appliance.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.tandem.operations.backup.internal.BackupArchive;
import org.tandem.operations.backup.internal.DatabaseDump;
import org.tandem.operations.backup.internal.Manifest;
import org.tandem.pbx.security.SecretCipher;

/**
 * A database as the former single migration set of pbx-core made it (its 40 files as of commit b07d72ea, kept in
 * pbx-core's test resources {@code legacy-schema/}) before the migrations moved into their modules (issue 14), with
 * rows in tables of every module, and the backup the appliance made of it then.
 */
public final class FormerSchema {

    public static final String LOCATION = "classpath:legacy-schema";
    /** The admin account in the former database ({@code admin}, this password). */
    public static final String ADMIN_PASSWORD = "former-admin-1";

    public static final String API_TOKEN = "former-api-token-0123456789abcdef0123456789abcdef";
    public static final String USER = "201";
    public static final String DEVICE = "001565600201";

    private FormerSchema() {}

    /** The appliance's H2 file database under {@code dataDir}, or the one {@code database} names (MariaDB). */
    public static DataSource dataSource(Path dataDir, Map<String, Object> database) {
        if (database.isEmpty()) {
            return new DriverManagerDataSource(
                    "jdbc:h2:file:" + dataDir.resolve("tandem")
                            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;WRITE_DELAY=0",
                    "tandem",
                    "");
        }
        return new DriverManagerDataSource(
                (String) database.get("spring.datasource.url"),
                (String) database.get("spring.datasource.username"),
                (String) database.get("spring.datasource.password"));
    }

    /** Migrates {@code db} with the former files only and fills it; the SIP secrets are sealed with the data dir's key. */
    public static void create(DataSource db, Path dataDir) {
        var result =
                Flyway.configure().dataSource(db).locations(LOCATION).load().migrate();
        assertThat(result.migrationsExecuted).as("the former set has 40 files").isEqualTo(40);
        assertThat(result.targetSchemaVersion).isEqualTo("70");
        SecretCipher cipher = SecretCipher.fromKeyFile(dataDir.resolve("secret.key"));
        JdbcClient jdbc = JdbcClient.create(db);
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        long ms = now.getTime();
        jdbc.sql("INSERT INTO admin_account (username, password_hash, role, must_change_password, created_at) "
                        + "VALUES ('admin', ?, 'ADMIN', FALSE, ?)")
                .params(new BCryptPasswordEncoder().encode(ADMIN_PASSWORD), now)
                .update();
        jdbc.sql(
                        "INSERT INTO api_token (id, name, token_hash, role, owner, created_at) VALUES (?, ?, ?, 'ADMIN', 'admin', ?)")
                .params("6f1c2a54-0000-4000-8000-000000000201", "former script", sha256(API_TOKEN), now)
                .update();
        jdbc.sql("INSERT INTO sip_user (extension, display_name, email, secret_enc, created_at, updated_at) "
                        + "VALUES (?, 'Dora', 'dora@example.com', ?, ?, ?)")
                .params(USER, cipher.encrypt("dora-sip-secret"), now, now)
                .update();
        jdbc.sql("INSERT INTO allow_list_entry (entry, created_at) VALUES ('192.0.2.0/24', ?)")
                .params(now)
                .update();
        jdbc.sql("INSERT INTO device (mac, vendor, model, token, token_claimed, prov_password_enc, admin_password_enc, "
                        + "created_ms, updated_ms) VALUES (?, 'yealink', 'SIP-T46S', ?, FALSE, ?, ?, ?, ?)")
                // the token as stored since issue 22 (its SHA-256; a clear one would be hashed at start)
                .params(
                        DEVICE,
                        sha256("former-device-token-201"),
                        cipher.encrypt("prov-201"),
                        cipher.encrypt("admin-201"),
                        ms,
                        ms)
                .update();
        jdbc.sql("INSERT INTO device_line (mac, line_no, extension) VALUES (?, 1, ?)")
                .params(DEVICE, USER)
                .update();
        jdbc.sql(
                        "INSERT INTO cdr (call_id, caller_extension, dialled, direction, start_ms, end_ms, last_seen_ms, "
                                + "billable_seconds, disposition, started, closed_at_restart) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        "former-call-1@test",
                        USER,
                        "202",
                        "INTERNAL",
                        ms - 60_000,
                        ms - 30_000,
                        ms - 30_000,
                        30,
                        "ANSWERED",
                        true,
                        false)
                .update();
    }

    /** The backup the appliance wrote of this database before the move (same archive format, schema 70). */
    public static byte[] backup(DataSource db, Path dataDir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupArchive.write(
                out,
                new DatabaseDump(db),
                dataDir,
                new Manifest(
                        Manifest.FORMAT,
                        Manifest.FORMAT_VERSION,
                        "former",
                        "70",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        "former-host",
                        null));
        return out.toByteArray();
    }

    /** Every table's rows (Flyway's history left out), each row as its columns' text. */
    public static Map<String, Set<List<String>>> rows(DataSource db) throws Exception {
        Map<String, Set<List<String>>> tables = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
            names.remove("flyway_schema_history");
            for (String table : names) {
                Set<List<String>> rows = new LinkedHashSet<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) row.add(rs.getString(i));
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /** Flyway's history of migrations: rank, version, description, script, checksum, type, success (sorted as text). */
    public static List<String> history(DataSource db) {
        return JdbcClient.create(db)
                .sql("SELECT installed_rank, version, description, script, checksum, type, success "
                        + "FROM flyway_schema_history WHERE version IS NOT NULL")
                .query((rs, n) -> rs.getInt(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | "
                        + rs.getString(4) + " | " + rs.getInt(5) + " | " + rs.getString(6) + " | " + rs.getBoolean(7))
                .list()
                .stream()
                .sorted()
                .toList();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
