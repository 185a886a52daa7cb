package org.tandem.pbx.trunk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code trunk} table. */
@Repository
public class TrunkRepository {

    private static final String COLUMNS = "id, host, port, transport, username, auth_username, secret_enc, "
            + "from_domain, registration_enabled, registration_expiry, contact_user, inbound_addresses, "
            + "caller_id_policy, caller_id, assert_identity, max_channels, codecs, dtmf_mode, provider_template, "
            + "created_at, updated_at";

    private final JdbcClient jdbc;

    public TrunkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TrunkRow> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM trunk ORDER BY id")
                .query(TrunkRepository::row)
                .list();
    }

    public void insert(TrunkRow t) {
        jdbc.sql("INSERT INTO trunk (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        t.id(),
                        t.host(),
                        t.port(),
                        t.transport(),
                        t.username(),
                        t.authUsername(),
                        t.secretEnc(),
                        t.fromDomain(),
                        t.register(),
                        t.registerExpiry(),
                        t.contactUser(),
                        t.inboundAddresses(),
                        t.callerIdPolicy(),
                        t.callerId(),
                        t.assertIdentity(),
                        t.maxChannels(),
                        t.codecs(),
                        t.dtmfMode(),
                        t.template(),
                        Timestamp.from(t.createdAt()),
                        Timestamp.from(t.updatedAt()))
                .update();
    }

    public int update(TrunkRow t) {
        return jdbc.sql("UPDATE trunk SET host = ?, port = ?, transport = ?, username = ?, auth_username = ?, "
                        + "secret_enc = ?, from_domain = ?, registration_enabled = ?, registration_expiry = ?, "
                        + "inbound_addresses = ?, caller_id_policy = ?, caller_id = ?, assert_identity = ?, "
                        + "max_channels = ?, codecs = ?, dtmf_mode = ?, provider_template = ?, updated_at = ? "
                        + "WHERE id = ?")
                .params(
                        t.host(),
                        t.port(),
                        t.transport(),
                        t.username(),
                        t.authUsername(),
                        t.secretEnc(),
                        t.fromDomain(),
                        t.register(),
                        t.registerExpiry(),
                        t.inboundAddresses(),
                        t.callerIdPolicy(),
                        t.callerId(),
                        t.assertIdentity(),
                        t.maxChannels(),
                        t.codecs(),
                        t.dtmfMode(),
                        t.template(),
                        Timestamp.from(t.updatedAt()),
                        t.id())
                .update();
    }

    public int delete(String id) {
        return jdbc.sql("DELETE FROM trunk WHERE id = ?").param(id).update();
    }

    private static TrunkRow row(ResultSet rs, int n) throws SQLException {
        int max = rs.getInt(16);
        Integer maxChannels = rs.wasNull() ? null : max;
        return new TrunkRow(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getBoolean(9),
                rs.getInt(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getBoolean(15),
                maxChannels,
                rs.getString(17),
                rs.getString(18),
                rs.getString(19),
                rs.getTimestamp(20).toInstant(),
                rs.getTimestamp(21).toInstant());
    }
}
