package org.tandem.webui.dashboard;

import java.util.List;
import java.util.Optional;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.quality.QualityReport;

/**
 * How a live call's media is going, in one line for the dashboard (issue 20: figures for relayed and direct calls):
 * what the relay received from each side, or for a direct call the newest quality report a phone sent about it
 * (RFC 6035 interval reports arrive during the call), or just "direct".
 */
final class CallMediaText {

    private CallMediaText() {
    }

    static String of(Optional<CallMedia> relayed, List<QualityReport> reports) {
        if (relayed.isPresent()) {
            return "relayed · caller " + stream(relayed.get().caller()) + " · callee " + stream(relayed.get().callee());
        }
        if (reports.isEmpty()) return "direct";
        QualityReport r = reports.get(reports.size() - 1);
        StringBuilder b = new StringBuilder("direct · ").append(r.reporter()).append(" reports");
        if (r.lossPercent() != null) b.append(" ").append(r.lossPercent()).append(" % lost,");
        if (r.jitterMillis() != null) b.append(" ").append(r.jitterMillis()).append(" ms jitter,");
        if (r.mosLq() != null) b.append(" MOS ").append(r.mosLq()).append(",");
        if (b.charAt(b.length() - 1) == ',') b.setLength(b.length() - 1);
        else b.append(" no figures");
        return b.toString();
    }

    private static String stream(CallMedia.Stream s) {
        return s.packets() + " pkts" + (s.bytes() == null ? "" : " (" + s.bytes() / 1000 + " kB)") + ", " + s.lost()
                + " lost, " + Math.round(s.jitterMillis()) + " ms jitter";
    }
}
