package org.tandem.pbx.quality.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tandem.pbx.quality.QualityReport;

/** The {@code call_quality} table (V43). Called on the quality reports' IO thread, never on a SIP thread. */
@Repository
public class QualityReportRepository {

    private final JdbcClient jdbc;

    public QualityReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(QualityReport r) {
        jdbc.sql(
                        "INSERT INTO call_quality (call_id, reporter, reported_ms, report_type, codec, loss_percent, "
                                + "discard_percent, jitter_ms, round_trip_ms, mos_lq, mos_cq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        r.callId(),
                        r.reporter(),
                        r.reportedAt().toEpochMilli(),
                        r.type(),
                        r.codec(),
                        r.lossPercent(),
                        r.discardPercent(),
                        r.jitterMillis(),
                        r.roundTripMillis(),
                        r.mosLq(),
                        r.mosCq())
                .update();
    }

    public List<QualityReport> reportsOf(String callId) {
        return jdbc.sql("SELECT call_id, reporter, reported_ms, report_type, codec, loss_percent, discard_percent, "
                        + "jitter_ms, round_trip_ms, mos_lq, mos_cq FROM call_quality WHERE call_id = ? ORDER BY id")
                .param(callId)
                .query(QualityReportRepository::row)
                .list();
    }

    private static QualityReport row(ResultSet rs, int n) throws SQLException {
        return new QualityReport(
                rs.getString(1),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4),
                rs.getString(5),
                number(rs, 6),
                number(rs, 7),
                integer(rs, 8),
                integer(rs, 9),
                number(rs, 10),
                number(rs, 11));
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
