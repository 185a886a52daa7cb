package org.tandem.webui.paging;

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
import org.tandem.pbx.paging.PagingGroup;
import org.tandem.pbx.paging.PagingGroups;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/** Paging groups: numbers whose members' phones all answer on their speaker and hear the caller (issue 18). */
@Route(value = "paging-groups", layout = MainLayout.class)
@PageName("Paging groups")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class PagingGroupsView extends VerticalLayout implements TranslatedTitle {

    private final PagingGroups groups;
    private final Grid<PagingGroup> grid = new Grid<>(PagingGroup.class, false);
    private final EmptyHint hint = new EmptyHint("paging-groups-hint", getTranslation("paging.empty"));

    public PagingGroupsView(PagingGroups groups, DestinationChoices choices, AuthenticationContext auth) {
        this.groups = groups;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("paging.add"),
                VaadinIcon.PLUS.create(),
                e -> new PagingGroupEditor(groups, choices, null, true, this::refresh).open());
        add.setId("add-paging-group");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("paging-groups");
        grid.addColumn(PagingGroup::number)
                .setHeader(getTranslation("paging.number"))
                .setAutoWidth(true);
        grid.addColumn(PagingGroup::name).setHeader(getTranslation("paging.name"));
        grid.addColumn(g -> String.join(", ", g.members()))
                .setHeader(getTranslation("paging.members"))
                .setFlexGrow(3);
        grid.addColumn(g -> g.isMulticast()
                        ? getTranslation("paging.multicast-to", String.valueOf(g.multicast()))
                        : getTranslation("paging.calls-phones"))
                .setHeader(getTranslation("paging.how"))
                .setAutoWidth(true);
        grid.addItemClickListener(
                e -> new PagingGroupEditor(groups, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(
                new H2(getTranslation("page.paging-groups")),
                new Paragraph(getTranslation(canChange ? "paging.hint.edit" : "paging.hint.see")),
                add,
                hint,
                grid);
        refresh();
    }

    private void refresh() {
        var all = groups.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
