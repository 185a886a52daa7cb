package org.tandem.pbx.cdr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.call.CallDirection;

/**
 * A call record's empty columns are bound as typed nulls (issue 23): without a type Spring asks the driver, for every
 * null of every row, which type the parameter has and what the driver is called (two to three look-ups each, ~20
 * empty columns while a call is in progress). The driver here is a stand-in that records what it is asked.
 */
class CdrStoreNullsTest {

    /** What the statement was asked and given: look-ups, and each parameter's null type or value. */
    static final class Recorded {
        final List<String> lookUps = new ArrayList<>();
        final Map<Integer, Object> parameters = new TreeMap<>();
        final List<String> statements = new ArrayList<>();
    }

    static DataSource recording(Recorded recorded) {
        DatabaseMetaData metaData = stand(DatabaseMetaData.class, (name, args) -> switch (name) {
            case "getDriverName" -> "H2 JDBC Driver";
            case "getDatabaseProductName" -> "H2";
            default -> null;
        });
        ParameterMetaData parameterMetaData =
                stand(ParameterMetaData.class, (name, args) -> name.equals("getParameterType") ? Types.VARCHAR : null);
        Connection[] connection = new Connection[1];
        PreparedStatement statement = stand(PreparedStatement.class, (name, args) -> switch (name) {
            case "getConnection" -> connection[0];
            case "getParameterMetaData" -> {
                recorded.lookUps.add(name);
                yield parameterMetaData;
            }
            case "setNull" -> {
                recorded.parameters.put((Integer) args[0], "NULL:" + args[1]);
                yield null;
            }
            case "executeUpdate" -> 1;
            default -> {
                if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                    recorded.parameters.put(i, args[1]);
                }
                yield null;
            }
        });
        connection[0] = stand(Connection.class, (name, args) -> switch (name) {
            case "getMetaData" -> {
                recorded.lookUps.add(name);
                yield metaData;
            }
            case "prepareStatement" -> {
                recorded.statements.add((String) args[0]);
                yield statement;
            }
            default -> null;
        });
        return stand(DataSource.class, (name, args) -> name.equals("getConnection") ? connection[0] : null);
    }

    interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <T> T stand(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) return null;
            Object result = answer.answer(method.getName(), args);
            if (result == null && method.getReturnType().isPrimitive()) {
                return method.getReturnType() == boolean.class ? false : 0;
            }
            return result;
        });
    }

    @Test
    void aCallInProgressIsWrittenWithoutAskingTheDriverAnyType() {
        Recorded recorded = new Recorded();
        CdrStore store = new CdrStore(JdbcClient.create(recording(recorded)));
        CdrRow row = new CdrRow("nulls-1");
        row.started = true;
        row.callerExtension = "201";
        row.dialled = "202";
        row.direction = CallDirection.INTERNAL;
        row.startMs = 1_000;
        row.lastSeenMs = 1_000;

        store.save(row);
        row.answerMs = 3_000L;
        store.save(row);

        assertThat(recorded.statements).hasSize(2);
        assertThat(recorded.statements.get(0)).startsWith("INSERT INTO cdr ");
        assertThat(recorded.statements.get(1)).startsWith("UPDATE cdr ");
        assertThat(recorded.lookUps)
                .as("the driver asked for types or its name")
                .isEmpty();
        assertThat(recorded.parameters)
                .as("37 columns bound, the last the Call-ID")
                .hasSize(37)
                .containsEntry(37, "nulls-1")
                .containsEntry(13, 3_000L) // answer_ms, set for the UPDATE
                .containsEntry(14, "NULL:" + Types.BIGINT) // end_ms
                .containsEntry(3, "NULL:" + Types.VARCHAR) // caller_name
                .containsEntry(19, "NULL:" + Types.INTEGER) // sip_status
                .containsEntry(24, "NULL:" + Types.BOOLEAN); // media_relayed
    }
}
