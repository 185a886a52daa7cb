package org.tandem.webui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/** Ring groups: numbers that ring several extensions or external numbers, at once or one after another. */
@Route(value = "ring-groups", layout = MainLayout.class)
@PageTitle("Ring groups · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class RingGroupsView extends VerticalLayout {

    private final RoutingDirectory routing;
    private final Grid<RingGroup> grid = new Grid<>(RingGroup.class, false);
    private final EmptyHint hint = new EmptyHint("ring-groups-hint",
            "No ring groups yet. A ring group is one number that rings several phones, all at once or one "
            + "after another, for example a sales line that rings the whole sales team. First step: \"Add "
            + "ring group\", give it a number (e.g. 600) and add its members; then point an inbound route, "
            + "an IVR key or a time condition at it.");

    public RingGroupsView(RoutingDirectory routing, DestinationChoices choices, AuthenticationContext auth) {
        this.routing = routing;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button("Add ring group", VaadinIcon.PLUS.create(),
                e -> new RingGroupEditor(routing, choices, null, true, this::refresh).open());
        add.setId("add-ring-group");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("ring-groups");
        grid.addColumn(RingGroup::number).setHeader("Number").setAutoWidth(true);
        grid.addColumn(RingGroup::name).setHeader("Name");
        grid.addColumn(g -> g.strategy() == RingGroup.Strategy.SIMULTANEOUS ? "all at once" : "one after another")
                .setHeader("Rings").setAutoWidth(true);
        grid.addColumn(g -> g.members().stream().map(m -> choices.label(m.destination()) + " (" + m.ringSeconds() + " s)")
                .collect(Collectors.joining(", "))).setHeader("Members").setFlexGrow(3);
        grid.addColumn(g -> g.fallback() == null ? "caller hears nobody is available" : choices.label(g.fallback())).setHeader("Nobody answers");
        grid.addItemClickListener(e -> new RingGroupEditor(routing, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(new H2("Ring groups"), new Paragraph("A number that rings several phones; click a row to "
                + (canChange ? "edit it." : "see it.")),
                add, hint, grid);
        refresh();
    }

    private void refresh() {
        var all = routing.ringGroups();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
