package org.tandem.provisioning.device.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.provisioning.device.DeviceKey;

/** The {@code device}, {@code device_line} and {@code device_key} tables (V6__provisioning.sql). */
@Repository
public class DeviceRepository {

    private final JdbcClient jdbc;

    public DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<DeviceRow> findAll() {
        return jdbc.sql("SELECT mac, vendor, model, firmware, description, token, token_claimed, prov_password_enc, "
                        + "admin_password_enc, created_ms, updated_ms, last_fetch_ms, last_fetch_source FROM device")
                .query((rs, n) -> new DeviceRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBoolean(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getLong(10),
                        rs.getLong(11),
                        (Long) rs.getObject(12, Long.class),
                        rs.getString(13)))
                .list();
    }

    public Map<String, List<String>> allLines() {
        Map<String, List<String>> lines = new HashMap<>();
        jdbc.sql("SELECT mac, extension FROM device_line ORDER BY mac, line_no").query(rs -> {
            lines.computeIfAbsent(rs.getString(1), m -> new ArrayList<>()).add(rs.getString(2));
        });
        return lines;
    }

    public Map<String, List<DeviceKey>> allKeys() {
        Map<String, List<DeviceKey>> keys = new HashMap<>();
        jdbc.sql("SELECT mac, key_no, kind, target, label FROM device_key ORDER BY mac, key_no")
                .query(rs -> {
                    keys.computeIfAbsent(rs.getString(1), m -> new ArrayList<>())
                            .add(new DeviceKey(
                                    rs.getInt(2),
                                    DeviceKey.Kind.valueOf(rs.getString(3)),
                                    rs.getString(4),
                                    rs.getString(5)));
                });
        return keys;
    }

    public void insert(DeviceRow d) {
        jdbc.sql("INSERT INTO device (mac, vendor, model, firmware, description, token, token_claimed, "
                        + "prov_password_enc, admin_password_enc, created_ms, updated_ms, last_fetch_ms, "
                        + "last_fetch_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        d.mac(),
                        d.vendor(),
                        d.model(),
                        d.firmware(),
                        d.description(),
                        d.token(),
                        d.tokenClaimed(),
                        d.provPasswordEnc(),
                        d.adminPasswordEnc(),
                        d.createdMs(),
                        d.updatedMs(),
                        d.lastFetchMs(),
                        d.lastFetchSource())
                .update();
    }

    public int update(DeviceRow d) {
        return jdbc.sql("UPDATE device SET vendor = ?, model = ?, firmware = ?, description = ?, token = ?, "
                        + "token_claimed = ?, updated_ms = ?, last_fetch_ms = ?, last_fetch_source = ? WHERE mac = ?")
                .params(
                        d.vendor(),
                        d.model(),
                        d.firmware(),
                        d.description(),
                        d.token(),
                        d.tokenClaimed(),
                        d.updatedMs(),
                        d.lastFetchMs(),
                        d.lastFetchSource(),
                        d.mac())
                .update();
    }

    public void replaceAssignments(String mac, List<String> lines, List<DeviceKey> keys) {
        jdbc.sql("DELETE FROM device_line WHERE mac = ?").param(mac).update();
        jdbc.sql("DELETE FROM device_key WHERE mac = ?").param(mac).update();
        for (int i = 0; i < lines.size(); i++) {
            jdbc.sql("INSERT INTO device_line (mac, line_no, extension) VALUES (?, ?, ?)")
                    .params(mac, i + 1, lines.get(i))
                    .update();
        }
        for (DeviceKey k : keys) {
            jdbc.sql("INSERT INTO device_key (mac, key_no, kind, target, label) VALUES (?, ?, ?, ?, ?)")
                    .params(mac, k.index(), k.kind().name(), k.target(), k.label())
                    .update();
        }
    }

    public int delete(String mac) {
        return jdbc.sql("DELETE FROM device WHERE mac = ?").param(mac).update();
    }
}
