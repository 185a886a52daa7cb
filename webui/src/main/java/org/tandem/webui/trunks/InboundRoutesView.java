package org.tandem.webui.trunks;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import org.tandem.pbx.trunk.InboundRoute;
import org.tandem.pbx.trunk.InboundRoutes;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.EmptyHint;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;
import org.tandem.webui.security.Roles;

/**
 * Where calls from trunks go, by the number the provider delivers them to (DID), and where calls to
 * any other number go (the default destination).
 */
@Route(value = "inbound-routes", layout = MainLayout.class)
@PageName("Inbound routes")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class InboundRoutesView extends VerticalLayout implements TranslatedTitle {

    private final InboundRoutes routes;
    private final DestinationChoices choices;
    private final Grid<InboundRoute> grid = new Grid<>(InboundRoute.class, false);
    private final EmptyHint hint = new EmptyHint("inbound-routes-hint", getTranslation("trunks.inbound.hint"));
    private final TextField did = new TextField(getTranslation("trunks.inbound.did"));
    private final DestinationField destination = new DestinationField(
            getTranslation("trunks.inbound.goes-to"), "inbound-destination", DestinationField.Kind.all());
    private final DestinationField defaultDestination = new DestinationField(
            getTranslation("trunks.inbound.default-goes-to"), "inbound-default", DestinationField.Kind.all());
    private final FieldErrors routeErrors = new FieldErrors("inbound-form-error");
    private final FieldErrors defaultErrors = new FieldErrors("inbound-default-error");

    public InboundRoutesView(InboundRoutes routes, DestinationChoices choices, AuthenticationContext auth) {
        this.routes = routes;
        this.choices = choices;
        destination.offer(choices);
        defaultDestination.offer(choices);
        boolean canChange = auth.hasRole(Roles.ADMIN);
        grid.setId("inbound-routes");
        grid.addColumn(InboundRoute::did)
                .setHeader(getTranslation("trunks.inbound.did-column"))
                .setAutoWidth(true);
        grid.addColumn(r -> choices.label(r.destination(), getLocale()))
                .setHeader(getTranslation("trunks.inbound.goes-to"))
                .setFlexGrow(2);
        if (canChange) {
            grid.addComponentColumn(r -> {
                        Button delete = new Button(
                                VaadinIcon.TRASH.create(),
                                e -> Deletion.confirm(
                                        getTranslation("trunks.inbound.what", r.did()),
                                        () -> routes.delete(r.did()),
                                        this::refresh));
                        delete.setId("delete-inbound-" + r.did().replace("+", "plus"));
                        delete.setAriaLabel(getTranslation("trunks.inbound.delete-aria", r.did()));
                        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                        return delete;
                    })
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setAllRowsVisible(true);
        did.setId("inbound-did");
        did.setHelperText(getTranslation("trunks.inbound.did-help"));
        routeErrors.bind("did", did).bind("destination", destination);
        defaultErrors.bind("destination", defaultDestination);
        Button addRoute = new Button(getTranslation("trunks.add"), VaadinIcon.PLUS.create(), e -> addRoute());
        addRoute.setId("add-inbound-route");
        addRoute.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout newRoute = new HorizontalLayout(did, destination, addRoute);
        newRoute.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        newRoute.setVisible(canChange);
        Button saveDefault = new Button(getTranslation("trunks.save"), e -> saveDefault());
        saveDefault.setId("save-inbound-default");
        saveDefault.setVisible(canChange);
        defaultDestination.setReadOnly(!canChange);
        HorizontalLayout defaults = new HorizontalLayout(defaultDestination, saveDefault);
        defaults.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(
                new H2(getTranslation("page.inbound-routes")),
                new Paragraph(getTranslation("trunks.inbound.intro")),
                hint,
                grid,
                newRoute,
                routeErrors.formError(),
                new H3(getTranslation("trunks.inbound.default-title")),
                defaults,
                defaultErrors.formError());
        defaultDestination.setValue(routes.defaultDestination().toString());
        refresh();
    }

    private void addRoute() {
        routeErrors.clear();
        try {
            InboundRoute r = routes.create(did.getValue().strip(), destination.textOrNull());
            Notification.show(getTranslation(
                            "trunks.inbound.added", r.did(), choices.label(r.destination(), getLocale())))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            did.clear();
            destination.clear();
            refresh();
        } catch (InvalidInputException x) {
            routeErrors.show(x);
        } catch (DuplicateException x) {
            // a clash, not a silent replace: delete the old route first to change where the number goes
            routeErrors.show(Map.of("did", getTranslation("trunks.inbound.duplicate", x.text(getLocale()))));
        }
    }

    private void saveDefault() {
        defaultErrors.clear();
        try {
            defaultDestination.setValue(routes.setDefaultDestination(defaultDestination.textOrNull())
                    .toString());
            Notification.show(getTranslation("trunks.inbound.default-saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException x) {
            defaultErrors.show(x);
        }
    }

    private void refresh() {
        var all = routes.list();
        grid.setItems(all);
        hint.showWhen(all.isEmpty());
    }
}
