package org.tandem.webui.phones;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.FetchLog;
import org.tandem.provisioning.device.FetchRecord;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.provisioning.resync.PhoneResync;
import org.tandem.provisioning.serving.ConfigPreview;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.security.Roles;

/**
 * One phone ({@code /phone/<mac>}): what it is and when it last fetched its configuration, its lines
 * and keys, a resync button (check-sync NOTIFY to the registered phone), every file it fetches as it gets
 * it (secrets masked), and its fetch log. Summary and log follow the phone without a reload.
 */
@Route(value = "phone", layout = MainLayout.class)
@PageTitle("Phone · Tandem")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class PhoneView extends VerticalLayout implements HasUrlParameter<String> {

    static final int FETCHES_SHOWN = 50;

    private final DeviceDirectory devices;
    private final VendorCatalog catalog;
    private final UserDirectory users;
    private final ConfigPreview preview;
    private final FetchLog fetchLog;
    private final PhoneResync resync;
    private final FirstContacts firstContacts;
    private final LocationService locations;
    private final boolean canChange;
    private final Span summary = new Span();
    private final Span resyncResult = new Span();
    private final Span acceptResult = new Span();
    private final Grid<FetchRecord> fetches = new Grid<>(FetchRecord.class, false);
    private String mac;
    private List<CompletableFuture<Integer>> pendingResync = List.of();
    private com.vaadin.flow.shared.Registration polling;

    public PhoneView(DeviceDirectory devices, VendorCatalog catalog, UserDirectory users, ConfigPreview preview,
                     FetchLog fetchLog, PhoneResync resync, ObjectProvider<LocationService> locations,
                     AuthenticationContext auth, FirstContacts firstContacts) {
        this.devices = devices;
        this.firstContacts = firstContacts;
        this.catalog = catalog;
        this.users = users;
        this.preview = preview;
        this.fetchLog = fetchLog;
        this.resync = resync;
        this.locations = locations.getIfAvailable();
        this.canChange = auth.hasRole(Roles.ADMIN);
        summary.setId("phone-summary");
        resyncResult.setId("resync-result");
        acceptResult.setId("accept-result");
        fetches.setId("phone-fetches");
        fetches.addColumn(r -> PhoneFacts.time(r.at())).setHeader("At").setAutoWidth(true);
        fetches.addColumn(FetchRecord::fileName).setHeader("File").setAutoWidth(true);
        fetches.addColumn(r -> r.source() + " (" + r.protocol() + ")").setHeader("From").setAutoWidth(true);
        fetches.addColumn(r -> PhoneFacts.result(r.result())).setHeader("Result").setAutoWidth(true);
        fetches.addColumn(r -> r.userAgent() == null ? "" : r.userAgent()).setHeader("User-Agent");
        fetches.setAllRowsVisible(true);
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        Optional<Device> device = devices.find(parameter);
        removeAll();
        add(new Anchor("phones", "← All phones"));
        if (device.isEmpty()) {
            Span missing = new Span("No phone has MAC " + parameter + ".");
            missing.setId("phone-missing");
            add(new H2("Phone not found"), missing);
            return;
        }
        Device d = device.get();
        mac = d.mac();
        H2 title = new H2("Phone " + org.tandem.provisioning.Mac.colons(mac));
        title.setId("phone-title");
        add(title, summary);
        HorizontalLayout actions = new HorizontalLayout();
        Span login = new Span();
        if (canChange) {
            Button notify = new Button("Resync now", VaadinIcon.REFRESH.create(), e -> resyncNow());
            notify.setId("phone-resync");
            Button delete = new Button("Delete phone", VaadinIcon.TRASH.create(), e -> org.tandem.webui.frame.Deletion.confirm(
                    "Phone " + mac, () -> devices.delete(mac), () -> getUI().ifPresent(ui -> ui.navigate(PhonesView.class))));
            delete.setId("delete-phone");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            login.setId("prov-login");
            Button showLogin = new Button("Provisioning login", VaadinIcon.KEY.create(), e -> login.setText(
                    "For a phone set to log in: " + PhoneFiles.provisioningBase() + "a/ with user " + mac + " and password "
                            + devices.secrets(mac).map(s -> s.provisioningPassword()).orElse("?")));
            showLogin.setId("show-prov-login");
            showLogin.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            // first contact (issue 22 finding 2): the phone is handed its own URL only once an admin accepts it; before
            // plugging it in, the admin may open the window for its next request from any address
            Button expect = new Button("Accept its next request", VaadinIcon.CHECK.create(), e -> {
                var accepted = firstContacts.accept(mac, null);
                acceptResult.setText("The next request for this phone" + (accepted.acceptedSource() == null
                        ? " from any address" : " from " + accepted.acceptedSource()) + " within "
                        + firstContacts.window().toMinutes() + " minutes gets its own provisioning URL");
            });
            expect.setId("phone-accept");
            actions.add(notify, expect, showLogin, delete);
        }
        actions.add(resyncResult, acceptResult);
        actions.setAlignItems(Alignment.BASELINE);
        add(actions, login);
        add(new PhoneAssignmentForm(devices, catalog, users, d, canChange, this::saved));
        add(new H3("Files the phone fetches"), new PhoneFiles(preview, d, PhoneFiles.provisioningBase()));
        add(new H3("Fetch log"), fetches);
        refresh();
    }

    private void saved() {
        Notification.show("Saved. A registered phone is told to fetch its new configuration (check-sync).")
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        // the files and the summary follow what was saved
        getUI().ifPresent(ui -> ui.navigate(PhoneView.class, mac));
    }

    private void resyncNow() {
        pendingResync = resync.resync(mac);
        if (pendingResync.isEmpty()) {
            resyncResult.setText("Not registered: no NOTIFY sent. The phone fetches its configuration at its next "
                    + "check, or when it restarts.");
        } else {
            resyncResult.setText("check-sync NOTIFY sent to " + pendingResync.size() + " registered phone"
                    + (pendingResync.size() == 1 ? "" : "s") + "; waiting for the answer");
        }
    }

    private void refresh() {
        if (mac == null) return;
        Optional<Device> device = devices.find(mac);
        if (device.isEmpty()) return;
        Device d = device.get();
        summary.setText(PhoneFacts.vendorName(d.vendor()) + " " + PhoneFacts.orDash(d.model())
                + " · firmware " + PhoneFacts.orDash(d.firmware())
                + " · lines: " + PhoneFacts.lines(d, locations)
                + " · last fetch: " + PhoneFacts.lastFetch(d)
                + (d.tokenClaimed() ? " · has its own provisioning URL" : "")
                + firstContacts.find(mac).map(c -> c.acceptedAt(java.time.Instant.now())
                        ? " · accepted: its next request" + (c.acceptedSource() == null ? "" : " from " + c.acceptedSource())
                        + " until " + PhoneFacts.time(c.acceptedUntil()) + " gets its own URL"
                        : c.waiting() ? " · waiting for acceptance: asked from " + c.waitingSource() + " at "
                        + PhoneFacts.time(c.waitingLast()) : "").orElse(""));
        fetches.setItems(fetchLog.recent(mac, FETCHES_SHOWN));
        if (!pendingResync.isEmpty() && pendingResync.stream().allMatch(CompletableFuture::isDone)) {
            List<String> answers = pendingResync.stream().map(f -> f.isCompletedExceptionally() ? "no answer"
                    : String.valueOf(f.join())).toList();
            resyncResult.setText("check-sync NOTIFY sent to " + pendingResync.size() + " registered phone"
                    + (pendingResync.size() == 1 ? "" : "s") + "; answered " + String.join(", ", answers));
            pendingResync = List.of();
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(PhonesView.REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }
}
