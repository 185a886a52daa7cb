package org.tandem.webui.phones;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.core.env.Environment;
import org.tandem.pbx.config.WebServerPort;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.frame.PolledRows;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * The desk phones: every phone the appliance knows, added by an admin or found when it first asked for
 * its configuration (unassigned until a user is put on its line), with what it said about itself, when it
 * last fetched its configuration and whether its lines are registered. A click opens the phone. Above them, the
 * phones waiting for an admin to accept their first contact ({@link WaitingPhones}).
 */
@Route(value = "phones", layout = MainLayout.class)
@PageName("Phones")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class PhonesView extends VerticalLayout implements TranslatedTitle {

    /** A phone fetching or registering shows up without a reload. */
    static final int REFRESH_MILLIS = 3000;

    private final DeviceDirectory devices;
    private final Grid<Device> grid = new Grid<>(Device.class, false);
    private final Span count = new Span();
    private final Paragraph hint = new Paragraph();
    private final WaitingPhones waiting;
    private final PolledRows<Device> rows;
    private Registration polling;

    public PhonesView(
            DeviceDirectory devices,
            VendorCatalog catalog,
            UserDirectory users,
            LocationService locations,
            AuthenticationContext auth,
            FirstContacts firstContacts,
            Environment env) {
        this.devices = devices;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        setSizeFull();
        Button add = new Button(
                getTranslation("phones.add-phone"),
                VaadinIcon.PLUS.create(),
                e -> new AddPhoneDialog(
                                devices, catalog, mac -> getUI().ifPresent(ui -> ui.navigate(PhoneView.class, mac)))
                        .open());
        add.setId("add-phone");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canChange);
        count.setId("phone-count");
        grid.setId("phones");
        // fits a 1366 px wide window beside the menu (issue 17, defect 12): the short columns as wide as their content,
        // the long texts (lines with the other devices named, last fetch with its address, description) wrapped in
        // columns that share what is left, instead of one line each that made the grid scroll sideways
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Device::mac).setHeader("MAC").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> PhoneFacts.vendorName(d.vendor()))
                .setHeader(getTranslation("phones.vendor"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> PhoneFacts.orDash(d.model()))
                .setHeader(getTranslation("phones.model"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> PhoneFacts.orDash(d.firmware()))
                .setHeader(getTranslation("phones.firmware"))
                .setWidth("7em")
                .setFlexGrow(0);
        grid.addColumn(d -> PhoneFacts.lines(d, locations))
                .setHeader(getTranslation("phones.lines-registration"))
                .setWidth("12em")
                .setFlexGrow(3);
        grid.addColumn(PhoneFacts::lastFetch)
                .setHeader(getTranslation("phones.last-fetch"))
                .setWidth("9em")
                .setFlexGrow(1);
        grid.addColumn(d -> PhoneFacts.orDash(d.description()))
                .setHeader(getTranslation("phones.description"))
                .setWidth("8em")
                .setFlexGrow(1);
        grid.setClassNameGenerator(d -> d.assigned() ? null : "unassigned");
        grid.addItemClickListener(e -> {
            if (e.getItem() != null)
                getUI().ifPresent(ui -> ui.navigate(PhoneView.class, e.getItem().mac()));
        });
        // a row is its MAC; redrawn when a phone or what its lines column shows (registrations) changed
        rows = new PolledRows<>(grid, Device::mac, d -> List.of(d, PhoneFacts.lines(d, locations)));
        grid.setSizeFull();
        waiting = new WaitingPhones(firstContacts, canChange, this::refresh);
        hint.setId("phones-hint");
        hint.setText(getTranslation("phones.hint", provisioningUrl(env)));
        add(new H2(getTranslation("page.phones")), waiting, new HorizontalLayout(add, count), hint, grid);
        refresh();
    }

    private void refresh() {
        waiting.refresh();
        var all = devices.list();
        long unassigned = all.stream().filter(d -> !d.assigned()).count();
        String phones = getTranslation(all.size() == 1 ? "phones.count.one" : "phones.count.many", all.size());
        count.setText(unassigned == 0 ? phones : getTranslation("phones.count.unassigned", phones, unassigned));
        rows.show(all);
        hint.setVisible(all.isEmpty());
    }

    /** http(s)://host:port/prov/ as this browser reached the appliance (phones use the same address). */
    private static String provisioningUrl(Environment env) {
        VaadinServletRequest r = VaadinServletRequest.getCurrent();
        if (r == null) return "http://<this appliance>:" + WebServerPort.listening(env) + "/prov/";
        return r.getScheme() + "://" + r.getServerName() + ":" + r.getServerPort() + "/prov/";
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }
}
