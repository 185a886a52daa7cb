package org.tandem.webui.conference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/** Conference rooms: number, name, PIN, size, recording, lock, announcements. */
@Route(value = "conference-rooms", layout = MainLayout.class)
@PageName("Conference rooms")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class ConferenceRoomsView extends VerticalLayout implements TranslatedTitle {

    private final ConferenceRooms rooms;
    private final Grid<ConferenceRoom> grid = new Grid<>(ConferenceRoom.class, false);
    private final EmptyHint hint = new EmptyHint("conference-rooms-hint", getTranslation("conference.hint"));

    public ConferenceRoomsView(ConferenceRooms rooms, AuthenticationContext auth) {
        this.rooms = rooms;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("conference.add"),
                VaadinIcon.PLUS.create(),
                e -> new ConferenceRoomEditor(rooms, null, true, this::refresh).open());
        add.setId("add-conference-room");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("conference-rooms");
        grid.addColumn(ConferenceRoom::number)
                .setHeader(getTranslation("conference.number"))
                .setAutoWidth(true);
        grid.addColumn(ConferenceRoom::name).setHeader(getTranslation("conference.name"));
        grid.addColumn(r -> yesNo(r.hasPin()))
                .setHeader(getTranslation("conference.pin"))
                .setAutoWidth(true);
        grid.addColumn(ConferenceRoom::maxParticipants)
                .setHeader(getTranslation("conference.max"))
                .setAutoWidth(true);
        grid.addColumn(r -> yesNo(r.record()))
                .setHeader(getTranslation("conference.recorded"))
                .setAutoWidth(true);
        // the room's lock setting in words, both ways: a blank cell said nothing (issue 17, defect 12)
        grid.addColumn(this::lockState)
                .setHeader(getTranslation("conference.locked"))
                .setAutoWidth(true);
        grid.addItemClickListener(e -> new ConferenceRoomEditor(rooms, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(new H2(getTranslation("conference.title")), add, hint, grid);
        refresh();
    }

    /** "Locked: no one new joins" or "Open": what the room's lock does to the next caller (ConferenceCaller). */
    String lockState(ConferenceRoom r) {
        return getTranslation(r.locked() ? "conference.lock.locked" : "conference.lock.open");
    }

    private String yesNo(boolean yes) {
        return getTranslation(yes ? "conference.yes" : "conference.no");
    }

    private void refresh() {
        var all = rooms.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
