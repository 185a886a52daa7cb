package org.tandem.pbx.directory;

import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.validation.InvalidValueException;

/**
 * RFC 4180 CSV, as spreadsheets write it: fields separated by commas, optionally in double quotes (a
 * quote inside doubled, commas and line breaks allowed inside), records ended by CRLF or LF, an optional
 * UTF-8 byte order mark. Each record keeps the line number it starts on, for error messages.
 */
final class CsvTable {

    record Row(int line, List<String> fields) {
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private CsvTable() {}

    static List<Row> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                // CRLF: the LF ends the record
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                rows.add(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                rowLine = ++line;
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new InvalidValueException("user-import.quote-not-closed", rowLine);
        if (!field.isEmpty() || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
