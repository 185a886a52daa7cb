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
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.provisioning.Mac;
import org.tandem.provisioning.device.Device;
import org.tandem.provisioning.device.DeviceDirectory;
import org.tandem.provisioning.device.FetchLog;
import org.tandem.provisioning.device.FetchRecord;
import org.tandem.provisioning.firstcontact.FirstContacts;
import org.tandem.provisioning.resync.PhoneResync;
import org.tandem.provisioning.serving.ConfigPreview;
import org.tandem.provisioning.vendor.VendorCatalog;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * One phone ({@code /phone/<mac>}): what it is and when it last fetched its configuration, its lines
 * and keys, a resync button (check-sync NOTIFY to the registered phone), every file it fetches as it gets
 * it (secrets masked), and its fetch log. Summary and log follow the phone without a reload.
 */
@Route(value = "phone", layout = MainLayout.class)
@PageName("Phone")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class PhoneView extends VerticalLayout implements HasUrlParameter<String>, TranslatedTitle {

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
    private Registration polling;

    public PhoneView(
            DeviceDirectory devices,
            VendorCatalog catalog,
            UserDirectory users,
            ConfigPreview preview,
            FetchLog fetchLog,
            PhoneResync resync,
            LocationService locations,
            AuthenticationContext auth,
            FirstContacts firstContacts) {
        this.devices = devices;
        this.firstContacts = firstContacts;
        this.catalog = catalog;
        this.users = users;
        this.preview = preview;
        this.fetchLog = fetchLog;
        this.resync = resync;
        this.locations = locations;
        this.canChange = auth.hasRole(Roles.ADMIN);
        summary.setId("phone-summary");
        resyncResult.setId("resync-result");
        acceptResult.setId("accept-result");
        fetches.setId("phone-fetches");
        fetches.addColumn(r -> PhoneFacts.time(r.at()))
                .setHeader(getTranslation("phones.fetch.at"))
                .setAutoWidth(true);
        fetches.addColumn(FetchRecord::fileName)
                .setHeader(getTranslation("phones.fetch.file"))
                .setAutoWidth(true);
        fetches.addColumn(r -> r.source() + " (" + r.protocol() + ")")
                .setHeader(getTranslation("phones.from"))
                .setAutoWidth(true);
        fetches.addColumn(r -> PhoneFacts.result(r.result()))
                .setHeader(getTranslation("phones.fetch.result"))
                .setAutoWidth(true);
        fetches.addColumn(r -> r.userAgent() == null ? "" : r.userAgent())
                .setHeader(getTranslation("phones.fetch.user-agent"));
        fetches.setAllRowsVisible(true);
    }

    @Override
    public void setParameter(BeforeEvent event, String parameter) {
        Optional<Device> device = devices.find(parameter);
        removeAll();
        add(new Anchor("phones", getTranslation("phones.all-phones")));
        if (device.isEmpty()) {
            Span missing = new Span(getTranslation("phones.missing", parameter));
            missing.setId("phone-missing");
            add(new H2(getTranslation("phones.not-found")), missing);
            return;
        }
        Device d = device.get();
        mac = d.mac();
        H2 title = new H2(getTranslation("phones.phone", Mac.colons(mac)));
        title.setId("phone-title");
        add(title, summary);
        HorizontalLayout actions = new HorizontalLayout();
        Span login = new Span();
        if (canChange) {
            Button notify =
                    new Button(getTranslation("phones.resync-now"), VaadinIcon.REFRESH.create(), e -> resyncNow());
            notify.setId("phone-resync");
            Button delete = new Button(
                    getTranslation("phones.delete-phone"),
                    VaadinIcon.TRASH.create(),
                    e -> Deletion.confirm(
                            getTranslation("phones.phone", mac),
                            () -> devices.delete(mac),
                            () -> getUI().ifPresent(ui -> ui.navigate(PhonesView.class))));
            delete.setId("delete-phone");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            login.setId("prov-login");
            Button showLogin = new Button(
                    getTranslation("phones.prov-login"),
                    VaadinIcon.KEY.create(),
                    e -> login.setText(getTranslation(
                            "phones.prov-login.text",
                            PhoneFiles.provisioningBase() + "a/",
                            mac,
                            devices.secrets(mac)
                                    .map(s -> s.provisioningPassword())
                                    .orElse("?"))));
            showLogin.setId("show-prov-login");
            showLogin.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            // first contact (issue 22 finding 2): the phone is handed its own URL only once an admin accepts it; before
            // plugging it in, the admin may open the window for its next request from any address
            Button expect = new Button(getTranslation("phones.accept-next"), VaadinIcon.CHECK.create(), e -> {
                var accepted = firstContacts.accept(mac, null);
                acceptResult.setText(
                        accepted.acceptedSource() == null
                                ? getTranslation(
                                        "phones.accept-next.any",
                                        firstContacts.window().toMinutes())
                                : getTranslation(
                                        "phones.accept-next.from",
                                        accepted.acceptedSource(),
                                        firstContacts.window().toMinutes()));
            });
            expect.setId("phone-accept");
            actions.add(notify, expect, showLogin, delete);
        }
        actions.add(resyncResult, acceptResult);
        actions.setAlignItems(Alignment.BASELINE);
        add(actions, login);
        add(new PhoneAssignmentForm(devices, catalog, users, d, canChange, this::saved));
        add(new H3(getTranslation("phones.files")), new PhoneFiles(preview, d, PhoneFiles.provisioningBase()));
        add(new H3(getTranslation("phones.fetch-log")), fetches);
        refresh();
    }

    private void saved() {
        Notification.show(getTranslation("phones.saved")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        // the files and the summary follow what was saved
        getUI().ifPresent(ui -> ui.navigate(PhoneView.class, mac));
    }

    private void resyncNow() {
        pendingResync = resync.resync(mac);
        if (pendingResync.isEmpty()) {
            resyncResult.setText(getTranslation("phones.resync.not-registered"));
        } else {
            resyncResult.setText(getTranslation(
                    pendingResync.size() == 1 ? "phones.resync.sent.one" : "phones.resync.sent.many",
                    pendingResync.size()));
        }
    }

    private void refresh() {
        if (mac == null) return;
        Optional<Device> device = devices.find(mac);
        if (device.isEmpty()) return;
        Device d = device.get();
        summary.setText(PhoneFacts.vendorName(d.vendor()) + " " + PhoneFacts.orDash(d.model())
                + " · " + getTranslation("phones.summary.firmware", PhoneFacts.orDash(d.firmware()))
                + " · " + getTranslation("phones.summary.lines", PhoneFacts.lines(d, locations))
                + " · " + getTranslation("phones.summary.last-fetch", PhoneFacts.lastFetch(d))
                + (d.tokenClaimed() ? " · " + getTranslation("phones.summary.own-url") : "")
                + firstContacts
                        .find(mac)
                        .map(c -> c.acceptedAt(Instant.now())
                                ? " · "
                                        + (c.acceptedSource() == null
                                                ? getTranslation(
                                                        "phones.summary.accepted", PhoneFacts.time(c.acceptedUntil()))
                                                : getTranslation(
                                                        "phones.summary.accepted-from",
                                                        c.acceptedSource(),
                                                        PhoneFacts.time(c.acceptedUntil())))
                                : c.waiting()
                                        ? " · "
                                                + getTranslation(
                                                        "phones.summary.waiting",
                                                        c.waitingSource(),
                                                        PhoneFacts.time(c.waitingLast()))
                                        : "")
                        .orElse(""));
        fetches.setItems(fetchLog.recent(mac, FETCHES_SHOWN));
        if (!pendingResync.isEmpty() && pendingResync.stream().allMatch(CompletableFuture::isDone)) {
            List<String> answers = pendingResync.stream()
                    .map(f -> f.isCompletedExceptionally()
                            ? getTranslation("phones.no-answer")
                            : String.valueOf(f.join()))
                    .toList();
            resyncResult.setText(getTranslation(
                    pendingResync.size() == 1 ? "phones.resync.answered.one" : "phones.resync.answered.many",
                    pendingResync.size(),
                    String.join(", ", answers)));
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
