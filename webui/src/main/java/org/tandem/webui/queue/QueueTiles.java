package org.tandem.webui.queue;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.queue.CallQueue;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueCalls;

/**
 * The dashboard's queues (issue 18): a tile per queue with the callers waiting, the longest wait and the agents
 * available, paused and busy now (counted as the wallboard counts them, {@link WallboardTile}), and a link to the
 * wallboard. The dashboard calls {@link #refresh()} on its poll; a tile is redrawn only when a figure changed.
 */
public final class QueueTiles extends VerticalLayout {

    /** What one tile shows. */
    record Shown(
            String number, String name, int waiting, long longestWaitSeconds, long available, long paused, long busy) {}

    private final CallQueues queues;
    private final QueueCalls calls;
    private final FlexLayout tiles = new FlexLayout();
    private List<Shown> shown;

    public QueueTiles(CallQueues queues, QueueCalls calls) {
        this.queues = queues;
        this.calls = calls;
        setPadding(false);
        setId("queue-tiles");
        tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        tiles.getStyle().set("gap", "var(--lumo-space-m)");
        RouterLink wallboard = new RouterLink(getTranslation("dashboard.queues.wallboard"), QueueWallboardView.class);
        wallboard.setId("dashboard-wallboard");
        add(tiles, wallboard);
        refresh();
    }

    public void refresh() {
        Instant now = Instant.now();
        List<Shown> all = new ArrayList<>();
        for (CallQueue q : queues.list()) {
            calls.status(q.number()).ifPresent(s -> {
                WallboardTile t = WallboardTile.of(q.name(), s, null, now);
                all.add(new Shown(
                        q.number(),
                        q.name(),
                        t.waiting(),
                        t.longestWaitSeconds(),
                        t.available(),
                        t.paused(),
                        t.busy()));
            });
        }
        if (all.equals(shown)) return;
        shown = all;
        tiles.removeAll();
        if (all.isEmpty()) tiles.add(new Span(getTranslation("dashboard.queues.none")));
        for (Shown s : all) tiles.add(tile(s));
    }

    private Div tile(Shown s) {
        Div tile = new Div();
        tile.setId("queue-tile-" + s.number());
        tile.getStyle()
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("min-width", "14em");
        Span title = new Span(s.number() + " · " + s.name());
        title.getStyle().set("font-weight", "600").set("display", "block");
        tile.add(
                title,
                line(
                        s,
                        "waiting",
                        getTranslation(
                                "dashboard.queues.waiting", s.waiting(), WallboardTile.clock(s.longestWaitSeconds())),
                        s.waiting() > 0 ? "badge" : "badge contrast"),
                line(
                        s,
                        "agents",
                        getTranslation("dashboard.queues.agents", s.available(), s.paused(), s.busy()),
                        s.available() > 0 ? "badge success" : "badge error"));
        return tile;
    }

    private static Span line(Shown s, String id, String text, String theme) {
        Span span = new Span(text);
        span.setId("queue-tile-" + s.number() + "-" + id);
        span.getElement().getThemeList().add(theme);
        span.getStyle().set("display", "block").set("margin-top", "var(--lumo-space-xs)");
        return span;
    }
}
