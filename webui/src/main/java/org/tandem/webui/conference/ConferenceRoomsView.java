package org.tandem.webui.conference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/** Conference rooms: number, name, PIN, size, recording, lock, announcements. */
@Route(value = "conference-rooms", layout = MainLayout.class)
@PageTitle("Conference rooms · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class ConferenceRoomsView extends VerticalLayout {

    private final ConferenceRooms rooms;
    private final Grid<ConferenceRoom> grid = new Grid<>(ConferenceRoom.class, false);
    private final EmptyHint hint = new EmptyHint("conference-rooms-hint", "No conference rooms yet. A conference room "
            + "is a number several callers dial to talk together, optionally behind a PIN. First step: \"Add room\", "
            + "give it a number of your dial plan (e.g. 800) and a name; then callers dial that number, or route an "
            + "IVR key or inbound number to it.");

    public ConferenceRoomsView(ConferenceRooms rooms, AuthenticationContext auth) {
        this.rooms = rooms;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button("Add room", VaadinIcon.PLUS.create(),
                e -> new ConferenceRoomEditor(rooms, null, true, this::refresh).open());
        add.setId("add-conference-room");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("conference-rooms");
        grid.addColumn(ConferenceRoom::number).setHeader("Number").setAutoWidth(true);
        grid.addColumn(ConferenceRoom::name).setHeader("Name");
        grid.addColumn(r -> r.hasPin() ? "yes" : "no").setHeader("PIN").setAutoWidth(true);
        grid.addColumn(ConferenceRoom::maxParticipants).setHeader("Max participants").setAutoWidth(true);
        grid.addColumn(r -> r.record() ? "yes" : "no").setHeader("Recorded").setAutoWidth(true);
        // the room's lock setting in words, both ways: a blank cell said nothing (issue 17, defect 12)
        grid.addColumn(ConferenceRoomsView::lockState).setHeader("Locked").setAutoWidth(true);
        grid.addItemClickListener(e -> new ConferenceRoomEditor(rooms, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(new H2("Conference rooms"), add, hint, grid);
        refresh();
    }

    /** "Locked: no one new joins" or "Open": what the room's lock does to the next caller (ConferenceCaller). */
    static String lockState(ConferenceRoom r) {
        return r.locked() ? "Locked: no one new joins" : "Open";
    }

    private void refresh() {
        var all = rooms.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
