package org.tandem.webui.trunks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.trunk.OutboundRoute;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * The outbound routes in the order they are tried (the first whose pattern matches the dialled number
 * wins), with move up / move down; each sends the call out through its trunks in failover order.
 */
@Route(value = "outbound-routes", layout = MainLayout.class)
@PageName("Outbound routes")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class OutboundRoutesView extends VerticalLayout implements TranslatedTitle {

    private final OutboundRoutes routes;
    private final Grid<OutboundRoute> grid = new Grid<>(OutboundRoute.class, false);
    private final EmptyHint hint = new EmptyHint("outbound-routes-hint", getTranslation("trunks.outbound.hint"));

    public OutboundRoutesView(OutboundRoutes routes, TrunkDirectory trunks, AuthenticationContext auth) {
        this.routes = routes;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("trunks.outbound.add"),
                VaadinIcon.PLUS.create(),
                e -> new OutboundRouteEditor(routes, trunks, null, true, this::refresh).open());
        add.setId("add-outbound-route");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        grid.setId("outbound-routes");
        grid.addColumn(r -> r.position() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(OutboundRoute::id)
                .setHeader(getTranslation("trunks.name"))
                .setAutoWidth(true);
        grid.addColumn(r -> String.join("  ", r.patterns()))
                .setHeader(getTranslation("trunks.route.patterns"))
                .setFlexGrow(2);
        grid.addColumn(r -> r.prepend() == null ? "" : r.prepend()).setHeader(getTranslation("trunks.route.prepend"));
        grid.addColumn(r -> String.join(" → ", r.trunks()))
                .setHeader(getTranslation("trunks.outbound.trunks"))
                .setFlexGrow(2);
        grid.addColumn(r -> getTranslation("trunks.permission." + r.permission().text()))
                .setHeader(getTranslation("trunks.outbound.needs"));
        if (canChange) {
            grid.addComponentColumn(r -> {
                        Button up = new Button(VaadinIcon.ARROW_UP.create(), e -> move(r, -1));
                        up.setId("route-up-" + r.id());
                        up.setAriaLabel(getTranslation("trunks.outbound.up", r.id()));
                        up.setEnabled(r.position() > 0);
                        Button down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> move(r, 1));
                        down.setId("route-down-" + r.id());
                        down.setAriaLabel(getTranslation("trunks.outbound.down", r.id()));
                        down.setEnabled(r.position() < routes.list().size() - 1);
                        for (Button b : new Button[] {up, down}) b.addThemeVariants(ButtonVariant.LUMO_SMALL);
                        return new HorizontalLayout(up, down);
                    })
                    .setHeader(getTranslation("trunks.outbound.order"))
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.addItemClickListener(
                e -> new OutboundRouteEditor(routes, trunks, e.getItem(), canChange, this::refresh).open());
        grid.setSizeFull();
        add(
                new H2(getTranslation("page.outbound-routes")),
                new Paragraph(getTranslation("trunks.outbound.intro")),
                add,
                hint,
                grid);
        refresh();
    }

    private void move(OutboundRoute route, int by) {
        List<String> order =
                new ArrayList<>(routes.list().stream().map(OutboundRoute::id).toList());
        int from = order.indexOf(route.id());
        int to = from + by;
        if (from < 0 || to < 0 || to >= order.size()) return;
        order.remove(from);
        order.add(to, route.id());
        try {
            routes.reorder(order);
            Notification.show(getTranslation("trunks.outbound.moved", route.id(), String.valueOf(to + 1)))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException x) {
            // another admin changed the list meanwhile: show the current one
            Notification.show(getTranslation("trunks.outbound.changed"))
                    .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        }
        refresh();
    }

    private void refresh() {
        var all = routes.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
