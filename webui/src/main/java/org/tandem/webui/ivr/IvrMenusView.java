package org.tandem.webui.ivr;

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
import org.tandem.pbx.ivr.IvrMenu;
import org.tandem.pbx.ivr.IvrMenus;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.security.Roles;

/** IVR menus (auto attendants): the list, and an editor with the digit map. */
@Route(value = "ivr-menus", layout = MainLayout.class)
@PageName("IVR menus")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class IvrMenusView extends VerticalLayout implements TranslatedTitle {

    private final IvrMenus menus;
    private final Grid<IvrMenu> grid = new Grid<>(IvrMenu.class, false);
    private final EmptyHint hint = new EmptyHint("ivr-menus-hint", getTranslation("ivr.menus-hint"));

    public IvrMenusView(IvrMenus menus, DestinationChoices choices, AuthenticationContext auth) {
        this.menus = menus;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("ivr.add-menu"),
                VaadinIcon.PLUS.create(),
                e -> new IvrMenuEditor(menus, choices, null, true, this::refresh).open());
        add.setId("add-ivr-menu");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("ivr-menus");
        grid.addColumn(IvrMenu::name)
                .setHeader(getTranslation("ivr.column.name"))
                .setAutoWidth(true);
        grid.addColumn(IvrMenu::greetingPrompt).setHeader(getTranslation("ivr.column.greeting"));
        grid.addColumn(m -> m.options().entrySet().stream()
                        .map(o -> o.getKey() + " → " + choices.label(o.getValue()))
                        .collect(Collectors.joining(", ")))
                .setHeader(getTranslation("ivr.column.keys"));
        grid.addColumn(m -> getTranslation(m.dialByExtension() ? "ivr.yes" : "ivr.no"))
                .setHeader(getTranslation("ivr.column.dial-by-extension"))
                .setAutoWidth(true);
        grid.addColumn(m -> m.fallback() == null ? getTranslation("ivr.hang-up") : choices.label(m.fallback()))
                .setHeader(getTranslation("ivr.column.fallback"));
        grid.addItemClickListener(e -> new IvrMenuEditor(menus, choices, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(
                new H2(getTranslation("page.ivr-menus")),
                new Paragraph(getTranslation("ivr.menus-intro")),
                add,
                hint,
                grid);
        refresh();
    }

    private void refresh() {
        var all = menus.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
