package org.tandem.pbx.quality.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.tandem.pbx.quality.QualityReport;

/**
 * Reads an RFC 6035 voice quality report (application/vq-rtcpxr, §4.7): its type line (VQSessionReport,
 * VQIntervalReport or VQAlertReport), the CallID, and the LocalMetrics set — what the reporting phone measured on the
 * stream it received: PacketLoss NLR/JDR, Delay IAJ/RTD, QualityEst MOSLQ/MOSCQ, SessionDesc PD. Other lines and the
 * RemoteMetrics set are read past. A body that is not such a report is refused with the reason.
 */
final class VqReportParser {

    /** The body is not an RFC 6035 report; the message says why (it becomes the 400's reason phrase). */
    static final class InvalidReport extends Exception {
        InvalidReport(String message) {
            super(message);
        }
    }

    private static final Map<String, String> TYPES =
            Map.of("VQSessionReport", "SESSION", "VQIntervalReport", "INTERVAL", "VQAlertReport", "ALERT");

    private VqReportParser() {}

    static QualityReport parse(String body, String reporter, Instant at) throws InvalidReport {
        String[] lines = body.split("\r?\n");
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) i++;
        if (i == lines.length) throw new InvalidReport("Empty quality report");
        String type = TYPES.get(name(lines[i]));
        if (type == null) throw new InvalidReport("Not an RFC 6035 report (no VQSessionReport line)");
        String callId = null;
        boolean local = false;
        Map<String, String> metrics = new HashMap<>();
        for (i++; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            int colon = line.indexOf(':');
            if (colon <= 0) throw new InvalidReport("Line " + (i + 1) + " of the report has no name");
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "CallID" -> callId = value;
                case "LocalMetrics" -> local = true;
                case "RemoteMetrics", "DialogID" -> local = false;
                default -> {
                    if (local) metrics.put(name, value);
                }
            }
        }
        if (callId == null || callId.isEmpty()) throw new InvalidReport("The report has no CallID");
        if (callId.length() > 255) throw new InvalidReport("CallID longer than 255 characters");
        Map<String, String> session = pairs(metrics.get("SessionDesc"));
        String codec = session.getOrDefault("PD", session.containsKey("PT") ? "PT " + session.get("PT") : null);
        Map<String, String> loss = pairs(metrics.get("PacketLoss"));
        Map<String, String> delay = pairs(metrics.get("Delay"));
        Map<String, String> quality = pairs(metrics.get("QualityEst"));
        return new QualityReport(
                callId,
                reporter,
                at,
                type,
                codec == null ? null : cut(codec, 32),
                decimal(loss, "NLR", "PacketLoss"),
                decimal(loss, "JDR", "PacketLoss"),
                whole(delay, "IAJ", "Delay"),
                whole(delay, "RTD", "Delay"),
                decimal(quality, "MOSLQ", "QualityEst"),
                decimal(quality, "MOSCQ", "QualityEst"));
    }

    private static String name(String line) {
        int colon = line.indexOf(':');
        return (colon < 0 ? line : line.substring(0, colon)).strip();
    }

    /** {@code NLR=5.0 JDR=2.0} as a map; null gives an empty map. */
    private static Map<String, String> pairs(String value) {
        Map<String, String> out = new HashMap<>();
        if (value == null) return out;
        for (String pair : value.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    private static Double decimal(Map<String, String> pairs, String key, String line) throws InvalidReport {
        String v = pairs.get(key);
        if (v == null || v.equalsIgnoreCase("unavailable")) return null;
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidReport(line + " " + key + " is not a number");
        }
    }

    private static Integer whole(Map<String, String> pairs, String key, String line) throws InvalidReport {
        Double d = decimal(pairs, key, line);
        return d == null ? null : (int) Math.min(Integer.MAX_VALUE, Math.round(d));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
