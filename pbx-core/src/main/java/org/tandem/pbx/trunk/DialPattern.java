package org.tandem.pbx.trunk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * A dial pattern in the usual PBX syntax: {@code X} = 0-9, {@code Z} = 1-9, {@code N} = 2-9,
 * {@code [1-5]} / {@code [137]} = one of, {@code .} = one or more of anything (only last), digits,
 * {@code + * #} literally; {@code |} separates the prefix that is stripped before the number goes out
 * ({@code 9|NXXXXXX}: dial 9 then a 7-digit local number; the provider gets the 7 digits).
 */
public final class DialPattern {

    private final String text;
    private final Pattern regex;

    private DialPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** @throws InvalidInputException naming {@code field} when {@code text} is not a dial pattern */
    public static DialPattern parse(String text, String field) {
        if (text == null || text.isBlank()) throw invalid(field, "dial-pattern.empty");
        String t = text.strip();
        int bar = t.indexOf('|');
        if (bar != t.lastIndexOf('|')) throw invalid(field, "dial-pattern.two-bars", t);
        String prefix = bar < 0 ? "" : t.substring(0, bar);
        String rest = bar < 0 ? t : t.substring(bar + 1);
        if (rest.isEmpty()) throw invalid(field, "dial-pattern.nothing-after-bar", t);
        return new DialPattern(t, Pattern.compile(compile(prefix, t, field) + "(" + compile(rest, t, field) + ")"));
    }

    private static String compile(String part, String whole, String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> sb.append("[0-9]");
                case 'Z' -> sb.append("[1-9]");
                case 'N' -> sb.append("[2-9]");
                case '.' -> {
                    if (i != part.length() - 1) throw invalid(field, "dial-pattern.dot-not-last", whole);
                    sb.append("[0-9*#+]+");
                }
                case '[' -> {
                    int close = part.indexOf(']', i);
                    String set = close < 0 ? "" : part.substring(i + 1, close);
                    if (close < 0 || !set.matches("[0-9]([0-9]|-[0-9])*")) {
                        throw invalid(field, "dial-pattern.bad-set", whole);
                    }
                    sb.append('[').append(set).append(']');
                    i = close;
                }
                case '+', '*', '#' -> sb.append('\\').append(c);
                default -> {
                    if (c < '0' || c > '9') {
                        throw invalid(field, "dial-pattern.bad-char", whole, c);
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** The number to send when {@code dialled} matches (the prefix before | removed), else empty. */
    public Optional<String> match(String dialled) {
        Matcher m = regex.matcher(dialled);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether {@code number} matches the part after the | (a configured target, never stripped). */
    public boolean matchesWithoutPrefix(String number) {
        String body = text.indexOf('|') < 0 ? text : text.substring(text.indexOf('|') + 1);
        return parse(body, "pattern").match(number).isPresent();
    }

    @Override
    public String toString() {
        return text;
    }

    private static InvalidInputException invalid(String field, String key, Object... args) {
        return new InvalidInputException(field, key, args);
    }
}
