package org.tandem.pbx.park.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.park.ParkSettings;

/** The one row of park_settings (V11__ivr_conference.sql); the feature code lives with the others. */
@Repository
public class ParkRepository {

    private final JdbcClient jdbc;

    public ParkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The saved settings (feature code left null), or empty before they were first saved. */
    public Optional<ParkSettings> load() {
        return jdbc.sql(
                        "SELECT first_orbit, last_orbit, timeout_seconds, return_to_parker FROM park_settings WHERE id = 1")
                .query((rs, n) ->
                        new ParkSettings(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), null))
                .optional();
    }

    public void save(ParkSettings s) {
        Object[] values = {
            s.firstOrbit(), s.lastOrbit(), s.timeoutSeconds(), s.returnToParker(), Timestamp.from(Instant.now())
        };
        int n = jdbc.sql("UPDATE park_settings SET first_orbit = ?, last_orbit = ?, timeout_seconds = ?, "
                        + "return_to_parker = ?, updated_at = ? WHERE id = 1")
                .params(values)
                .update();
        if (n == 0) {
            jdbc.sql(
                            "INSERT INTO park_settings (first_orbit, last_orbit, timeout_seconds, return_to_parker, updated_at, id) "
                                    + "VALUES (?, ?, ?, ?, ?, 1)")
                    .params(values)
                    .update();
        }
    }
}
