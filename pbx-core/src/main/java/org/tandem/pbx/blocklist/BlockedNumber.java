package org.tandem.pbx.blocklist;

/**
 * One blocklist entry: outside callers presenting {@code number} (or, with {@code prefix}, any number starting with
 * it) are refused, for everyone or for one user.
 *
 * @param number    digits, optionally with a leading +; a leading + is ignored when comparing (+4930 = 4930)
 * @param extension the user whose list it is, or null for the whole PBX
 * @param note      why, for the admin (e.g. "sales calls"), or null
 */
public record BlockedNumber(long id, String number, boolean prefix, String extension, String note) {

    /** Whether {@code caller} (the presented number, digits with an optional leading +) is caught by this entry. */
    public boolean matches(String caller) {
        String mine = digits(number);
        String theirs = digits(caller);
        return prefix ? theirs.startsWith(mine) : theirs.equals(mine);
    }

    /** The number without its leading +: callers present the same number with or without it. */
    static String digits(String n) {
        return n != null && n.startsWith("+") ? n.substring(1) : n == null ? "" : n;
    }
}
