package org.tandem.webui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;
import org.tandem.pbx.routing.RingGroup;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/** Ring groups: numbers that ring several extensions or external numbers, at once or one after another. */
@Route(value = "ring-groups", layout = MainLayout.class)
@PageName("Ring groups")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class RingGroupsView extends VerticalLayout implements TranslatedTitle {

    private final RoutingDirectory routing;
    private final Grid<RingGroup> grid = new Grid<>(RingGroup.class, false);
    private final EmptyHint hint = new EmptyHint("ring-groups-hint", getTranslation("routing.rg.hint"));

    public RingGroupsView(RoutingDirectory routing, DestinationChoices choices, AuthenticationContext auth) {
        this.routing = routing;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("routing.rg.add"),
                VaadinIcon.PLUS.create(),
                e -> new RingGroupEditor(routing, choices, null, true, this::refresh).open());
        add.setId("add-ring-group");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("ring-groups");
        grid.addColumn(RingGroup::number)
                .setHeader(getTranslation("routing.rg.number"))
                .setAutoWidth(true);
        grid.addColumn(RingGroup::name).setHeader(getTranslation("routing.rg.name"));
        grid.addColumn(g -> getTranslation(
                        g.strategy() == RingGroup.Strategy.SIMULTANEOUS
                                ? "routing.rg.all-at-once"
                                : "routing.rg.one-after-another"))
                .setHeader(getTranslation("routing.rg.rings"))
                .setAutoWidth(true);
        grid.addColumn(g -> g.members().stream()
                        .map(m -> getTranslation(
                                "routing.rg.member-ringing",
                                choices.label(m.destination(), getLocale()),
                                String.valueOf(m.ringSeconds())))
                        .collect(Collectors.joining(", ")))
                .setHeader(getTranslation("routing.rg.members"))
                .setFlexGrow(3);
        grid.addColumn(g -> g.fallback() == null
                        ? getTranslation("routing.rg.nobody-available")
                        : choices.label(g.fallback(), getLocale()))
                .setHeader(getTranslation("routing.rg.nobody-answers"));
        grid.addItemClickListener(
                e -> new RingGroupEditor(routing, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(
                new H2(getTranslation("page.ring-groups")),
                new Paragraph(getTranslation(canChange ? "routing.rg.intro.edit" : "routing.rg.intro.see")),
                add,
                hint,
                grid);
        refresh();
    }

    private void refresh() {
        var all = routing.ringGroups();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
