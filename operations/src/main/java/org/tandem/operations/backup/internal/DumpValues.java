package org.tandem.operations.backup.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Base64;

/**
 * A column's value in a database dump, in a form both H2 and MariaDB read back: booleans, integers, decimals as
 * plain strings, ISO-8601 instants, base64 for bytes, text as it is. {@link #write} puts a row's value in the dump,
 * {@link #bind} binds a dump's value to an INSERT by the target column's SQL type.
 */
final class DumpValues {

    private DumpValues() {}

    static void write(ResultSet rs, int i, int type, JsonGenerator g) throws SQLException, IOException {
        switch (type) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) g.writeNull();
                else g.writeBoolean(v);
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) g.writeNull();
                else g.writeNumber(v);
            }
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) g.writeNull();
                else g.writeString(v.toPlainString());
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp v = rs.getTimestamp(i);
                if (v == null) g.writeNull();
                else g.writeString(v.toInstant().toString());
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] v = rs.getBytes(i);
                if (v == null) g.writeNull();
                else g.writeString(Base64.getEncoder().encodeToString(v));
            }
            default -> {
                String v = rs.getString(i);
                if (v == null) g.writeNull();
                else g.writeString(v);
            }
        }
    }

    static void bind(PreparedStatement ps, int index, int type, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, type);
            return;
        }
        switch (type) {
            case Types.BOOLEAN, Types.BIT ->
                ps.setBoolean(index, value instanceof Boolean b ? b : Long.parseLong(value.toString()) != 0);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
                ps.setLong(index, value instanceof Boolean b ? (b ? 1 : 0) : Long.parseLong(value.toString()));
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE ->
                ps.setBigDecimal(index, new BigDecimal(value.toString()));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                ps.setTimestamp(index, Timestamp.from(Instant.parse(value.toString())));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                ps.setBytes(index, Base64.getDecoder().decode(value.toString()));
            default -> ps.setString(index, value.toString());
        }
    }
}
