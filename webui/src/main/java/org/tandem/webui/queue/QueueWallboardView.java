package org.tandem.webui.queue;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;
import org.tandem.pbx.queue.QueueFigures;
import org.tandem.webui.ApplianceTime;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;

/**
 * The queues' wallboard for a TV screen (issue 18): no menu, light text on dark, one band per queue with big numbers
 * (waiting, longest wait, agents available / busy / paused, answered and abandoned today, service level), sized to the
 * screen's width. Read-only; refreshed as the dashboard is (the live state every 2 s, today's figures every 10 s).
 */
@Route("queues/wallboard")
@PageName("Queue wallboard")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class QueueWallboardView extends Div implements TranslatedTitle {

    static final int REFRESH_MILLIS = 2000;
    private static final int FIGURES_EVERY = 5;
    private static final ZonedFormat TIME = ZonedFormat.of("HH:mm:ss");

    private final CallQueues queues;
    private final QueueCalls calls;
    private final Div bands = new Div();
    private final Span updated = new Span();
    private final Map<String, QueueFigures> today = new HashMap<>();
    /** the number spans now shown, by queue and figure ("700/waiting") */
    private final Map<String, Span> shown = new HashMap<>();

    private List<String> shownQueues;
    private Registration polling;
    private int tick;

    public QueueWallboardView(CallQueues queues, QueueCalls calls) {
        this.queues = queues;
        this.calls = calls;
        setId("wallboard");
        setSizeFull();
        getStyle()
                .set("background", "#111")
                .set("color", "#f5f5f5")
                .set("min-height", "100vh")
                .set("box-sizing", "border-box")
                .set("padding", "1.5vw")
                .set("font-family", "sans-serif");
        H1 title = new H1(getTranslation("page.queues"));
        title.getStyle().set("color", "#f5f5f5").set("font-size", "2.5vw").set("margin", "0 0 1vw 0");
        updated.setId("wallboard-updated");
        updated.getStyle().set("font-size", "1.2vw").set("color", "#aaa");
        bands.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "1.5vw");
        add(title, bands, updated);
        refresh(true);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> refresh(++tick % FIGURES_EVERY == 0));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }

    private void refresh(boolean figures) {
        Instant now = Instant.now();
        LocalDate day = LocalDate.now(ApplianceTime.zone());
        List<CallQueue> all = queues.list();
        List<String> names =
                all.stream().map(q -> q.number() + " · " + q.name()).toList();
        if (!names.equals(shownQueues)) { // a queue came, went or was renamed: new bands; else only the numbers change
            bands.removeAll();
            shown.clear();
            if (all.isEmpty()) bands.add(new Span(getTranslation("dashboard.queues.none")));
            for (CallQueue q : all) bands.add(band(q));
            shownQueues = names;
        }
        for (CallQueue q : all) {
            QueueFigures f = today.get(q.number());
            if (figures || f == null || !f.day().equals(day)) today.put(q.number(), calls.figures(q.number(), day));
            calls.status(q.number()).ifPresent(s -> show(WallboardTile.of(q.name(), s, today.get(q.number()), now)));
        }
        updated.setText(getTranslation("queue.wallboard.updated", TIME.format(now) + " " + ZonedFormat.zoneLabel()));
    }

    private void show(WallboardTile t) {
        set(t.number(), "waiting", Integer.toString(t.waiting()), t.waiting() > 0 ? "#ffb300" : null);
        set(t.number(), "longest", WallboardTile.clock(t.longestWaitSeconds()), null);
        set(t.number(), "available", Long.toString(t.available()), "#66bb6a");
        set(t.number(), "busy", Long.toString(t.busy()), null);
        set(t.number(), "paused", Long.toString(t.paused()), t.paused() > 0 ? "#90caf9" : null);
        set(t.number(), "answered", Long.toString(t.answered()), null);
        set(t.number(), "abandoned", Long.toString(t.abandoned()), t.abandoned() > 0 ? "#ef5350" : null);
        set(t.number(), "service-level", WallboardTile.percent(t.serviceLevelPercent()), null);
    }

    private void set(String queue, String id, String value, String colour) {
        Span s = shown.get(queue + "/" + id);
        if (s == null) return;
        s.setText(value);
        s.getStyle().set("color", colour == null ? "#f5f5f5" : colour);
    }

    private Div band(CallQueue q) {
        Div band = new Div();
        band.setId("wb-" + q.number());
        band.getStyle().set("background", "#222").set("border-radius", "0.8vw").set("padding", "1vw 1.5vw");
        Span name = new Span(q.number() + " · " + q.name());
        name.getStyle().set("font-size", "2vw").set("font-weight", "bold");
        Div figures = new Div(
                figure(q, "waiting"),
                figure(q, "longest"),
                figure(q, "available"),
                figure(q, "busy"),
                figure(q, "paused"),
                figure(q, "answered"),
                figure(q, "abandoned"),
                figure(q, "service-level"));
        figures.getStyle()
                .set("display", "grid")
                .set("grid-template-columns", "repeat(8, minmax(0, 1fr))")
                .set("gap", "1.5vw")
                .set("margin-top", "0.5vw");
        band.add(name, figures);
        return band;
    }

    /** One figure and its caption ({@code queue.wallboard.<id>}). */
    private Div figure(CallQueue q, String id) {
        Span number = new Span();
        number.setId("wb-" + q.number() + "-" + id);
        // eight figures side by side: sized so that "1:02:05" and "100%" fit their column on any screen width
        number.getStyle()
                .set("display", "block")
                .set("font-size", "3.6vw")
                .set("font-weight", "bold")
                .set("line-height", "1.1")
                .set("white-space", "nowrap");
        shown.put(q.number() + "/" + id, number);
        Span caption = new Span(getTranslation("queue.wallboard." + id));
        caption.getStyle().set("display", "block").set("font-size", "1.1vw").set("color", "#bbb");
        return new Div(number, caption);
    }
}
