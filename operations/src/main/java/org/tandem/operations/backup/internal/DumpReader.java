package org.tandem.operations.backup.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams through a database dump's JSON, checking its shape as it goes: {@code {"tables":[{"name":...,
 * "columns":[...],"rows":[[...],...]}, ...]}}, table and column names plain SQL identifiers, every row as many
 * values as its table has columns. A dump of any size is read in constant memory; what is not a Tandem dump throws
 * {@link DatabaseDump.DumpFormatException}.
 */
final class DumpReader {

    private DumpReader() {}

    interface TableStart {
        void accept(String table, List<String> columns);
    }

    interface RowHandler {
        void accept(String table, List<Object> values);
    }

    /** Streams through the dump: a table's name and columns, then its rows one by one. */
    static void readTables(JsonParser p, TableStart onTable, RowHandler onRow) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, p);
        if (p.nextToken() != JsonToken.FIELD_NAME || !"tables".equals(p.currentName())) {
            throw new DatabaseDump.DumpFormatException("the database dump has no \"tables\"");
        }
        expect(p.nextToken(), JsonToken.START_ARRAY, p);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            List<String> columns = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
                    name = p.getText().toLowerCase(Locale.ROOT);
                    if (!name.matches("[a-z_][a-z0-9_]{0,63}"))
                        throw new DatabaseDump.DumpFormatException("bad table name " + name);
                } else if ("columns".equals(field) && value == JsonToken.START_ARRAY) {
                    columns = new ArrayList<>();
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        String col = p.getText().toLowerCase(Locale.ROOT);
                        if (!col.matches("[a-z_][a-z0-9_]{0,63}"))
                            throw new DatabaseDump.DumpFormatException("bad column name " + col);
                        columns.add(col);
                    }
                } else if ("rows".equals(field) && value == JsonToken.START_ARRAY) {
                    if (name == null || columns == null)
                        throw new DatabaseDump.DumpFormatException("rows before name and columns");
                    onTable.accept(name, columns);
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        List<Object> row = new ArrayList<>(columns.size());
                        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                            row.add(scalar(t, p));
                        }
                        if (row.size() != columns.size()) {
                            throw new DatabaseDump.DumpFormatException("a row of " + name + " has " + row.size()
                                    + " values for " + columns.size() + " columns");
                        }
                        onRow.accept(name, row);
                    }
                } else {
                    throw new DatabaseDump.DumpFormatException("unexpected field " + field + " in the database dump");
                }
            }
        }
    }

    private static Object scalar(JsonToken t, JsonParser p) throws IOException {
        if (t == null) throw new DatabaseDump.DumpFormatException("the database dump ends early");
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_STRING:
                return p.getText();
            default:
                throw new DatabaseDump.DumpFormatException("unexpected " + t + " in a row");
        }
    }

    private static void expect(JsonToken actual, JsonToken wanted, JsonParser p)
            throws DatabaseDump.DumpFormatException {
        if (actual != wanted)
            throw new DatabaseDump.DumpFormatException("the database dump is not in the expected shape");
    }
}
