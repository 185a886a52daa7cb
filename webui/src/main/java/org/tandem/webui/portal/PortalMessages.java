package org.tandem.webui.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.tandem.pbx.messaging.HistoryEntry;
import org.tandem.pbx.messaging.MessageHistory;
import org.tandem.webui.ZonedFormat;

/**
 * The user's own instant messages (issue 15): what their phones and softphones sent to colleagues and received from
 * them, newest first — including messages kept for them while they were offline. Only the logged-in user's.
 */
final class PortalMessages extends VerticalLayout {

    static final int SHOWN = 200;
    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm");

    PortalMessages(MessageHistory history, String extension) {
        setPadding(false);
        Grid<HistoryEntry> grid = new Grid<>(HistoryEntry.class, false);
        grid.setId("my-messages");
        grid.addColumn(m -> TIME.format(m.sentAt()))
                .setHeader(getTranslation("portal.calls.when", ZonedFormat.zoneLabel()))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(m -> m.sender().equals(extension)
                        ? getTranslation("portal.messages.to", m.recipient())
                        : getTranslation("portal.messages.from", m.sender()))
                .setHeader(getTranslation("portal.messages.with"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(HistoryEntry::body)
                .setHeader(getTranslation("portal.messages.message"))
                .setFlexGrow(1);
        grid.addColumn(m -> getTranslation(
                        "STORED".equals(m.outcome()) ? "portal.messages.stored" : "portal.messages.sent"))
                .setHeader(getTranslation("portal.messages.delivery"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setHeight("24em");
        Runnable load = () -> grid.setItems(history.recent(extension, SHOWN));
        Button refresh = new Button(getTranslation("portal.messages.refresh"), e -> load.run());
        refresh.setId("messages-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        load.run();
        add(new Paragraph(getTranslation("portal.messages.intro", SHOWN)), refresh, grid);
    }
}
