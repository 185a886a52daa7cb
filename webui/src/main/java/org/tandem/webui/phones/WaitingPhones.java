package org.tandem.webui.phones;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.provisioning.firstcontact.FirstContact;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.webui.frame.PolledRows;

/**
 * The phones that asked for their configuration without proving themselves (first contact, issue 19 and issue 22
 * finding 2): where from, what they said they are, since when. They get nothing of theirs until an admin
 * accepts them here; an acceptance holds for the address shown, for the accept window, and is used by the
 * phone's next request. Hidden while nothing waits.
 */
final class WaitingPhones extends VerticalLayout {

    private final FirstContacts firstContacts;
    private final Grid<FirstContact> grid = new Grid<>(FirstContact.class, false);
    private final Runnable changed;
    private final PolledRows<FirstContact> rows;

    WaitingPhones(FirstContacts firstContacts, boolean canAccept, Runnable changed) {
        this.firstContacts = firstContacts;
        this.changed = changed;
        setId("waiting-phones");
        setPadding(false);
        grid.setId("waiting-grid");
        rows = new PolledRows<>(grid, FirstContact::mac); // a row is its MAC: its buttons keep working across polls
        grid.setAllRowsVisible(true);
        grid.addColumn(FirstContact::mac).setHeader("MAC").setAutoWidth(true);
        grid.addColumn(FirstContact::waitingSource)
                .setHeader(getTranslation("phones.from"))
                .setAutoWidth(true);
        grid.addColumn(c -> PhoneFacts.orDash(c.waitingUserAgent()))
                .setHeader(getTranslation("phones.waiting.says"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(c -> PhoneFacts.time(c.waitingSince()))
                .setHeader(getTranslation("phones.waiting.since"))
                .setAutoWidth(true);
        grid.addColumn(c -> PhoneFacts.time(c.waitingLast()))
                .setHeader(getTranslation("phones.waiting.last"))
                .setAutoWidth(true);
        if (canAccept) {
            grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        }
        add(
                new H3(getTranslation("phones.waiting.title")),
                new Paragraph(getTranslation(
                        "phones.waiting.text", firstContacts.window().toMinutes())),
                grid);
    }

    private HorizontalLayout actions(FirstContact c) {
        Button accept = new Button(getTranslation("phones.accept"), e -> {
            try {
                firstContacts.accept(c.mac(), c.waitingSource());
                Notification.show(getTranslation(
                                "phones.accepted",
                                c.mac(),
                                c.waitingSource(),
                                firstContacts.window().toMinutes()))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (InvalidInputException ex) {
                Notification.show(String.join("; ", ex.fieldErrors(getLocale()).values()))
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            changed.run();
        });
        accept.setId("accept-" + c.mac());
        accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Button dismiss = new Button(getTranslation("phones.dismiss"), e -> {
            firstContacts.dismiss(c.mac());
            changed.run();
        });
        dismiss.setId("dismiss-" + c.mac());
        dismiss.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(accept, dismiss);
    }

    void refresh() {
        List<FirstContact> waiting = firstContacts.waiting();
        rows.show(waiting);
        setVisible(!waiting.isEmpty());
    }
}
