package org.tandem.webui.ivr;

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
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/** IVR menus (auto attendants): the list, and an editor with the digit map. */
@Route(value = "ivr-menus", layout = MainLayout.class)
@PageTitle("IVR menus · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class IvrMenusView extends VerticalLayout {

    private final IvrMenus menus;
    private final Grid<IvrMenu> grid = new Grid<>(IvrMenu.class, false);
    private final EmptyHint hint = new EmptyHint("ivr-menus-hint",
            "No IVR menus yet. An IVR menu greets callers and lets them choose by key (\"press 1 for "
            + "sales\"). First step: record or upload the greeting on the Prompts page, then \"Add IVR menu\" "
            + "and route each key; finally point an inbound route at the menu.");

    public IvrMenusView(IvrMenus menus, DestinationChoices choices, AuthenticationContext auth) {
        this.menus = menus;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button("Add IVR menu", VaadinIcon.PLUS.create(),
                e -> new IvrMenuEditor(menus, choices, null, true, this::refresh).open());
        add.setId("add-ivr-menu");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("ivr-menus");
        grid.addColumn(IvrMenu::name).setHeader("Name (ivr:…)").setAutoWidth(true);
        grid.addColumn(IvrMenu::greetingPrompt).setHeader("Greeting");
        grid.addColumn(m -> m.options().entrySet().stream().map(o -> o.getKey() + " → " + choices.label(o.getValue()))
                .collect(Collectors.joining(", "))).setHeader("Keys");
        grid.addColumn(m -> m.dialByExtension() ? "yes" : "no").setHeader("Dial by extension").setAutoWidth(true);
        grid.addColumn(m -> m.fallback() == null ? "Hang up" : choices.label(m.fallback())).setHeader("Fallback");
        grid.addItemClickListener(e -> new IvrMenuEditor(menus, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(new H2("IVR menus"), new Paragraph("A caller hears the greeting and presses a key; each key routes to a "
                + "destination. Use a menu as ivr:<name> in inbound routes, time conditions or other menus."),
                add, hint, grid);
        refresh();
    }

    private void refresh() {
        var all = menus.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
