package org.tandem.webui.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.quality.QualityReport;
import org.tandem.webui.i18n.UiTexts;

/**
 * How a live call's media is going, in one line for the dashboard (issue 20: figures for relayed and direct calls):
 * what the relay received from each side, or for a direct call the newest quality report a phone sent about it
 * (RFC 6035 interval reports arrive during the call), or just "direct"; in the UI's language (issue 18). Figures are
 * handed to the texts as written here, so a language never regroups or rounds them.
 */
final class CallMediaText {

    private static final UiTexts TEXTS = new UiTexts();

    private CallMediaText() {}

    static String of(Optional<CallMedia> relayed, List<QualityReport> reports) {
        return of(relayed, reports, Locale.ENGLISH);
    }

    static String of(Optional<CallMedia> relayed, List<QualityReport> reports, Locale locale) {
        if (relayed.isPresent()) {
            return text(
                    locale,
                    "dashboard.media.relayed",
                    stream(relayed.get().caller(), locale),
                    stream(relayed.get().callee(), locale));
        }
        if (reports.isEmpty()) return text(locale, "dashboard.media.direct");
        QualityReport r = reports.get(reports.size() - 1);
        List<String> figures = new ArrayList<>();
        if (r.lossPercent() != null) figures.add(text(locale, "dashboard.media.lost", String.valueOf(r.lossPercent())));
        if (r.jitterMillis() != null) {
            figures.add(text(locale, "dashboard.media.jitter", String.valueOf(r.jitterMillis())));
        }
        if (r.mosLq() != null) figures.add(text(locale, "dashboard.media.mos", String.valueOf(r.mosLq())));
        return text(locale, "dashboard.media.reports", r.reporter()) + " "
                + (figures.isEmpty() ? text(locale, "dashboard.media.no-figures") : String.join(", ", figures));
    }

    private static String stream(CallMedia.Stream s, Locale locale) {
        String packets = String.valueOf(s.packets());
        String lost = String.valueOf(s.lost());
        String jitter = String.valueOf(Math.round(s.jitterMillis()));
        String received = s.bytes() == null
                ? text(locale, "dashboard.media.packets", packets)
                : text(locale, "dashboard.media.packets-bytes", packets, String.valueOf(s.bytes() / 1000));
        return text(locale, "dashboard.media.stream", received, lost, jitter);
    }

    private static String text(Locale locale, String key, Object... params) {
        return TEXTS.getTranslation(key, locale, params);
    }
}
