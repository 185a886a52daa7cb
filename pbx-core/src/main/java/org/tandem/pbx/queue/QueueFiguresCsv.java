package org.tandem.pbx.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tandem.pbx.csv.SpreadsheetSafeCsv;

/**
 * A queue's daily figures as CSV (RFC 4180, CRLF, fields made spreadsheet-safe as the call records' CSV does): per
 * day one row for the queue (empty {@code agent}) and one per agent who answered, the agent rows holding only their
 * {@code answered} and {@code average_wait_seconds}.
 */
public final class QueueFiguresCsv {

    public static final List<String> COLUMNS = List.of(
            "date",
            "queue",
            "agent",
            "offered",
            "answered",
            "abandoned",
            "left_by_key",
            "sent_on",
            "average_wait_seconds",
            "service_level_percent",
            "service_level_seconds");

    private QueueFiguresCsv() {}

    public static String of(List<QueueFigures> days) {
        StringBuilder out = new StringBuilder();
        line(out, COLUMNS);
        for (QueueFigures f : days) {
            line(
                    out,
                    List.of(
                            f.day().toString(),
                            f.number(),
                            "",
                            Long.toString(f.offered()),
                            Long.toString(f.answered()),
                            Long.toString(f.abandoned()),
                            Long.toString(f.leftByKey()),
                            Long.toString(f.sentOn()),
                            decimal(f.averageWaitSeconds()),
                            decimal(f.serviceLevelPercent()),
                            Integer.toString(f.serviceLevelSeconds())));
            for (QueueFigures.AgentFigures a : f.agents()) {
                line(
                        out,
                        List.of(
                                f.day().toString(),
                                f.number(),
                                a.extension(),
                                "",
                                Long.toString(a.answered()),
                                "",
                                "",
                                "",
                                decimal(a.averageWaitSeconds()),
                                "",
                                ""));
            }
        }
        return out.toString();
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void line(StringBuilder out, List<String> fields) {
        List<String> safe = new ArrayList<>(fields.size());
        for (String f : fields) safe.add(SpreadsheetSafeCsv.field(f));
        out.append(String.join(",", safe)).append("\r\n");
    }
}
