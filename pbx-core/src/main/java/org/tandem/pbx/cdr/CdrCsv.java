package org.tandem.pbx.cdr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.csv.SpreadsheetSafeCsv;

/**
 * Call records as CSV (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a comma,
 * a double quote, CR or LF, with its double quotes doubled (§2 rules 5–7).
 *
 * <p>Caller names and numbers come from the callers' own SIP headers, so every field goes through
 * {@link SpreadsheetSafeCsv}: nothing a spreadsheet would run as a formula, in comma or semicolon locales alike.
 */
public final class CdrCsv {

    public static final List<String> COLUMNS = List.of(
            "call_id",
            "started_at",
            "answered_at",
            "ended_at",
            "billable_seconds",
            "disposition",
            "direction",
            "caller_extension",
            "caller_number",
            "caller_name",
            "dialled",
            "did",
            "trunk",
            "ring_group",
            "destination",
            "forwarded_from",
            "answered_by",
            "hangup_side",
            "sip_status",
            "linked_call_id",
            "closed_at_restart",
            "hangup_cause",
            "media_relayed",
            "caller_packets",
            "caller_lost",
            "caller_jitter_ms",
            "callee_packets",
            "callee_lost",
            "callee_jitter_ms",
            "caller_bytes",
            "callee_bytes",
            "queue_number",
            "queue_outcome",
            "queue_wait_ms",
            "queue_agent");

    private CdrCsv() {}

    public static void header(Appendable out) {
        line(out, COLUMNS);
    }

    public static void row(CallRecord r, Appendable out) {
        List<String> f = new ArrayList<>(COLUMNS.size());
        f.add(r.callId());
        f.add(text(r.startedAt()));
        f.add(text(r.answeredAt()));
        f.add(text(r.endedAt()));
        f.add(Long.toString(r.billableSeconds()));
        f.add(text(r.disposition()));
        f.add(text(r.direction()));
        f.add(r.callerExtension());
        f.add(r.callerNumber());
        f.add(r.callerName());
        f.add(r.dialled());
        f.add(r.did());
        f.add(r.trunk());
        f.add(r.ringGroup());
        f.add(r.destination());
        f.add(r.forwardedFrom());
        f.add(r.answeredBy());
        f.add(text(r.hangupSide()));
        f.add(text(r.sipStatus()));
        f.add(r.linkedCallId());
        f.add(Boolean.toString(r.closedAtRestart()));
        f.add(r.hangupCause());
        CallRecord.Media m = r.media();
        f.add(m == null ? null : Boolean.toString(m.relayed()));
        for (CallMedia.Stream s :
                new CallMedia.Stream[] {m == null ? null : m.caller(), m == null ? null : m.callee()}) {
            f.add(s == null ? null : Long.toString(s.packets()));
            f.add(s == null ? null : Long.toString(s.lost()));
            f.add(s == null ? null : Long.toString(Math.round(s.jitterMillis())));
        }
        // appended, not beside the packets: spreadsheets made from earlier exports keep their columns
        for (CallMedia.Stream s :
                new CallMedia.Stream[] {m == null ? null : m.caller(), m == null ? null : m.callee()}) {
            f.add(s == null || s.bytes() == null ? null : Long.toString(s.bytes()));
        }
        CallRecord.Queued q = r.queue(); // issue 18, appended likewise
        f.add(q == null ? null : q.queue());
        f.add(q == null ? null : text(q.outcome()));
        f.add(q == null ? null : Long.toString(q.waitMillis()));
        f.add(q == null ? null : q.agent());
        line(out, f);
    }

    /** One field, defused and quoted as needed (null is the empty field); see {@link SpreadsheetSafeCsv}. */
    public static String field(String value) {
        return SpreadsheetSafeCsv.field(value);
    }

    private static void line(Appendable out, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) out.append(',');
                out.append(field(fields.get(i)));
            }
            out.append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
