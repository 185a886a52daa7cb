package org.tandem.webui.dashboard;

import com.vaadin.flow.component.html.Div;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The dashboard's calls-per-hour bar chart (issue 17, defect 5), drawn here as one SVG: a bar per hour whose height is
 * its calls against the busiest hour, the count above it and the hour below, the hour and count as its tooltip. The
 * former chart of flex boxes drew no bars (the bars' {@code flex: 1} made their height a flex basis of 0 in a column of
 * undefined height); SVG draws the same in every browser, needs no script and no licence (Vaadin Charts needs a
 * commercial one). Each bar is {@code <rect id="hour-bar-N" data-calls="n">}, N = 0 for the oldest hour.
 */
final class CallsPerHourChart extends Div {

    static final int BAR_AREA = 120;
    private static final int WIDTH = 24 * 30;
    private static final int TOP = 16;
    private static final int HEIGHT = TOP + BAR_AREA + 18;

    private final DateTimeFormatter hourFormat;

    CallsPerHourChart(ZoneId zone) {
        this.hourFormat = DateTimeFormatter.ofPattern("HH").withZone(zone);
        setId("calls-per-hour");
        setWidthFull();
        getStyle().set("max-width", "60em");
    }

    /** Draws {@code perHour} (oldest first). */
    void show(Map<Instant, Integer> perHour) {
        int max = Math.max(
                1, perHour.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + WIDTH + " "
                + HEIGHT + "' width='100%' role='img' aria-label='"
                + escaped(getTranslation("dashboard.calls-per-hour")) + "'"
                + " style='font: 10px sans-serif; display: block'>");
        svg.append("<line x1='0' x2='")
                .append(WIDTH)
                .append("' y1='")
                .append(TOP + BAR_AREA)
                .append("' y2='")
                .append(TOP + BAR_AREA)
                .append("' stroke='currentColor' stroke-opacity='0.3'/>");
        int i = 0;
        for (Map.Entry<Instant, Integer> e : perHour.entrySet()) {
            int n = e.getValue();
            int h = (int) Math.round((double) BAR_AREA * n / max);
            int x = i * 30 + 3;
            String hour = hourFormat.format(e.getKey());
            svg.append("<rect id='hour-bar-")
                    .append(i)
                    .append("' data-calls='")
                    .append(n)
                    .append("' x='")
                    .append(x)
                    .append("' y='")
                    .append(TOP + BAR_AREA - h)
                    .append("' width='24' height='")
                    .append(h)
                    .append("' rx='2' fill='var(--lumo-primary-color, #1676f3)'><title>")
                    .append(escaped(getTranslation(
                            n == 1 ? "dashboard.chart.call" : "dashboard.chart.calls",
                            hour + ":00",
                            String.valueOf(n))))
                    .append("</title></rect>");
            if (n > 0) {
                svg.append("<text x='")
                        .append(x + 12)
                        .append("' y='")
                        .append(TOP + BAR_AREA - h - 3)
                        .append("' text-anchor='middle' fill='currentColor'>")
                        .append(n)
                        .append("</text>");
            }
            svg.append("<text x='")
                    .append(x + 12)
                    .append("' y='")
                    .append(HEIGHT - 4)
                    .append("' text-anchor='middle' fill='currentColor' fill-opacity='0.7'>")
                    .append(hour)
                    .append("</text>");
            i++;
        }
        svg.append("</svg>");
        // the HTML parser makes SVG elements of <svg> markup set as innerHTML; elements made one by one through Flow's
        // Element API would be HTML elements that draw nothing. The markup holds numbers, hours and the UI's own
        // texts, escaped.
        getElement().setProperty("innerHTML", svg.toString());
    }

    /** A text of the UI as SVG character data or a single-quoted attribute value. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}
