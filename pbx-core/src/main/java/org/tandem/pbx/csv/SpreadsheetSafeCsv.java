package org.tandem.pbx.csv;

import java.util.regex.Pattern;

/**
 * One CSV field (RFC 4180 §2 rules 5–7) that no spreadsheet runs as a formula (OWASP "CSV Injection"; ASVS
 * 4.0.3 V5.3.2). A field is quoted when it holds a comma, semicolon, tab, double quote, CR or LF, its double
 * quotes doubled. Every place a spreadsheet could start a cell gets a leading apostrophe when it starts a
 * formula ({@code =}, {@code @}, {@code +}/{@code -} not followed by a plain number, tab, CR): the start of
 * the field, and also after each {@code ;}, {@code ,} and tab inside it, because a spreadsheet in a locale
 * whose list separator is {@code ;} (or one told to split on tabs) ignores the RFC 4180 quotes of a
 * comma-separated file and splits {@code Boss;=2+5} into {@code Boss} and a formula {@code =2+5}.
 * Numbers such as {@code +4930123456} and {@code *97} stay as they are.
 */
public final class SpreadsheetSafeCsv {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9*#]+");

    private SpreadsheetSafeCsv() {}

    /** The field as it goes into the file (null is the empty field). */
    public static String field(String value) {
        if (value == null || value.isEmpty()) return "";
        StringBuilder out = new StringBuilder(value.length() + 4);
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || isSeparator(value.charAt(i))) {
                String cell = value.substring(start, i);
                if (isFormula(cell)) out.append('\'');
                out.append(cell);
                if (i < value.length()) out.append(value.charAt(i));
                start = i + 1;
            }
        }
        String v = out.toString();
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == ';' || c == '\t' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == '\t';
    }

    private static boolean isFormula(String cell) {
        if (cell.isEmpty()) return false;
        char first = cell.charAt(0);
        return first == '='
                || first == '@'
                || first == '\t'
                || first == '\r'
                || ((first == '+' || first == '-')
                        && !PLAIN_NUMBER.matcher(cell).matches());
    }
}
