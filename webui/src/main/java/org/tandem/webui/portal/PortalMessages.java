package org.tandem.webui.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.tandem.pbx.messaging.HistoryEntry;
import org.tandem.pbx.messaging.MessageHistory;

/**
 * The user's own instant messages (issue 15): what their phones and softphones sent to colleagues and received from
 * them, newest first — including messages kept for them while they were offline. Only the logged-in user's.
 */
final class PortalMessages extends VerticalLayout {

    static final int SHOWN = 200;
    private static final org.tandem.webui.ZonedFormat TIME = org.tandem.webui.ZonedFormat.of("yyyy-MM-dd HH:mm");

    PortalMessages(MessageHistory history, String extension) {
        setPadding(false);
        Grid<HistoryEntry> grid = new Grid<>(HistoryEntry.class, false);
        grid.setId("my-messages");
        grid.addColumn(m -> TIME.format(m.sentAt())).setHeader("When " + org.tandem.webui.ZonedFormat.zoneLabel())
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(m -> m.sender().equals(extension) ? "to " + m.recipient() : "from " + m.sender())
                .setHeader("With").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(HistoryEntry::body).setHeader("Message").setFlexGrow(1);
        grid.addColumn(m -> "STORED".equals(m.outcome()) ? "kept until a phone was online" : "sent to the phones")
                .setHeader("Delivery").setAutoWidth(true).setFlexGrow(0);
        grid.setHeight("24em");
        Runnable load = () -> grid.setItems(history.recent(extension, SHOWN));
        Button refresh = new Button("Refresh", e -> load.run());
        refresh.setId("messages-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        load.run();
        add(new Paragraph("Messages your phones sent and received, the newest " + SHOWN + "."), refresh, grid);
    }
}
