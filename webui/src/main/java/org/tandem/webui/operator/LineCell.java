package org.tandem.webui.operator;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.tandem.pbx.presence.LineStates.Line;
import org.tandem.pbx.presence.LineStates.LineCall;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.i18n.UiTexts;

/**
 * A line's state cell on the operator panel: "ringing · Dana Caller &lt;311&gt;", "talking with Eve &lt;312&gt; · 0:42",
 * "parked: Dana Caller &lt;311&gt; · 1:05", "DND", "not registered", "idle". The running duration is the time since the
 * call reached its state (a talking call: since it was answered). The server renders it with every pushed change of
 * the line; between changes the browser counts it on ({@link #TICKER}, one timer per page, no request), so a long call
 * costs no traffic at all. A call whose start Tandem did not see has no duration rather than a made-up one.
 */
final class LineCell {

    private static final ZonedFormat TIME = ZonedFormat.of("HH:mm:ss");

    /**
     * Counts every shown duration on, once a second, in the browser: {@code this} is the grid, {@code $0} the server's
     * clock in epoch milliseconds (a browser whose clock is off still counts from the server's start time). The timer
     * stops itself once the grid has left the page.
     */
    static final String TICKER = "const grid = this, skew = $0 - Date.now();"
            + "const two = n => String(n).padStart(2, '0');"
            + "const clock = s => s >= 3600 ? Math.floor(s / 3600) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60)"
            + "  : Math.floor(s / 60) + ':' + two(s % 60);"
            + "clearInterval(grid.__tandemTicker);"
            + "grid.__tandemTicker = setInterval(() => {"
            + "  if (!grid.isConnected) { clearInterval(grid.__tandemTicker); return; }"
            + "  const now = Date.now() + skew;"
            + "  grid.querySelectorAll('[data-since]').forEach(e => {"
            + "    e.textContent = clock(Math.max(0, Math.floor((now - Number(e.dataset.since)) / 1000))); });"
            + "}, 1000);";

    private static final UiTexts TEXTS = new UiTexts();

    private LineCell() {}

    /** A text of the operator bundle in the language of the UI drawing the cell; English outside one (a unit test). */
    static String text(String key, Object... params) {
        UI ui = UI.getCurrent();
        return ui != null ? ui.getTranslation(key, params) : TEXTS.getTranslation(key, Locale.ENGLISH, params);
    }

    /** "idle", "DND", "not registered" ... in words of the page; a state this page does not know as it is. */
    static String summary(String summary) {
        String key = "operator.line." + summary.toLowerCase(Locale.ROOT).replace(' ', '-');
        String text = text(key);
        return text.equals(key) ? summary : text;
    }

    static Span of(Line line, Instant now) {
        Span cell = new Span();
        cell.setId("line-" + line.number());
        cell.getElement().setAttribute("data-state", line.summary());
        String color = switch (line.summary()) {
            case "ringing" -> "var(--lumo-warning-color)";
            case "talking", "dialling", "parked" -> "var(--lumo-error-color)";
            case "idle" -> "var(--lumo-success-color)";
            default -> "var(--lumo-secondary-text-color)";
        };
        cell.getStyle().set("color", color).set("font-weight", "600");
        if (line.calls().isEmpty()) {
            cell.setText(summary(line.summary()));
            return cell;
        }
        boolean first = true;
        for (LineCall c : line.calls()) {
            if (!first) cell.add("; ");
            first = false;
            cell.add(describe(c));
            if (c.since() != null && ("talking".equals(c.state()) || "parked".equals(c.state()))) {
                cell.add(" · ");
                cell.add(duration(c.since(), now));
            }
        }
        return cell;
    }

    /** "ringing · Dana Caller &lt;311&gt;", "talking with Eve &lt;312&gt;", "calling 312", "parked: Dana &lt;311&gt;". */
    static String describe(LineCall c) {
        return switch (c.state()) {
            case "ringing" -> text("operator.call.ringing", c.party());
            case "talking" -> text("operator.call.talking", c.party());
            case "dialling" -> text("operator.call.dialling", c.party());
            case "parked" -> text("operator.call.parked", c.party());
            default -> c.state();
        };
    }

    private static Span duration(Instant since, Instant now) {
        Span d = new Span(clock(Duration.between(since, now)));
        d.getElement().setAttribute("data-since", Long.toString(since.toEpochMilli()));
        d.getElement().setAttribute("title", text("operator.call.since", TIME.format(since)));
        d.getStyle().set("font-variant-numeric", "tabular-nums");
        return d;
    }

    /** 0:42, 12:05, 1:02:09 — as the browser's ticker writes it. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
