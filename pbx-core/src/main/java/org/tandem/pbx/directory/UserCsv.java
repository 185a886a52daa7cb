package org.tandem.pbx.directory;

import java.util.List;
import org.tandem.pbx.csv.SpreadsheetSafeCsv;

/**
 * The users as CSV (RFC 4180, issue 17: export for a spreadsheet or another appliance): the import's columns
 * without its passwords ({@code extension,name,email}), so the file can be imported again and secrets are never in
 * it; fields a spreadsheet would run as a formula are defused ({@link SpreadsheetSafeCsv}).
 */
public final class UserCsv {

    public static final String HEADER = "extension,name,email";

    private UserCsv() {}

    public static String of(List<User> users) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (User u : users) {
            csv.append(SpreadsheetSafeCsv.field(u.extension()))
                    .append(',')
                    .append(SpreadsheetSafeCsv.field(u.displayName()))
                    .append(',')
                    .append(SpreadsheetSafeCsv.field(u.email()))
                    .append("\r\n");
        }
        return csv.toString();
    }
}
