package org.tandem.webui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.routing.BusyPolicy;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.trunk.OutboundRoutes;
import org.tandem.pbx.trunk.PermissionClass;
import org.tandem.pbx.trunk.UserOutbound;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;
import org.tandem.webui.users.UsersView;

/**
 * One user's call handling as the admin sets it (the user sets the same in the portal): forwarding,
 * do-not-disturb, ring my mobile too, busy policy, pickup group; and what they may dial out and with
 * which caller ID. Reached from the user's editor on the Users page: {@code /user-routing/<extension>}.
 */
@Route(value = "user-routing", layout = MainLayout.class)
@PageName("Call settings")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class UserRoutingView extends VerticalLayout implements HasUrlParameter<String>, TranslatedTitle {

    /** Any destination, "hang up" included (forward all calls to hang up: refuse them). */
    private static final List<DestinationField.Kind> FORWARD_KINDS = DestinationField.Kind.all();

    private final RoutingDirectory routing;
    private final OutboundRoutes outbound;
    private final UserDirectory users;
    private final boolean canChange;
    private final Checkbox dnd = new Checkbox(getTranslation("routing.cs.dnd"));
    private final DestinationField forwardAlways =
            new DestinationField(getTranslation("routing.cs.forward-always"), "cs-forward-always", FORWARD_KINDS);
    private final DestinationField forwardBusy =
            new DestinationField(getTranslation("routing.cs.forward-busy"), "cs-forward-busy", FORWARD_KINDS);
    private final DestinationField forwardNoAnswer =
            new DestinationField(getTranslation("routing.cs.forward-no-answer"), "cs-forward-no-answer", FORWARD_KINDS);
    private final IntegerField noAnswerSeconds = new IntegerField(getTranslation("routing.cs.no-answer-seconds"));
    private final TextField mobileNumber = new TextField(getTranslation("routing.cs.mobile"));
    private final Checkbox ringMobile = new Checkbox(getTranslation("routing.cs.ring-mobile"));
    private final Select<BusyPolicy> busyWhen = new Select<>();
    private final TextField pickupGroup = new TextField(getTranslation("routing.cs.pickup-group"));
    private final Select<PermissionClass> permission = new Select<>();
    private final TextField callerId = new TextField(getTranslation("routing.cs.caller-id"));
    private final Checkbox forwardExternal = new Checkbox(getTranslation("routing.cs.forward-external"));
    private final DraftForm<CallSettingsDraft> settingsForm = CallSettingsForm.of(
                    "cs-form-error",
                    dnd,
                    forwardAlways,
                    forwardBusy,
                    forwardNoAnswer,
                    noAnswerSeconds,
                    mobileNumber,
                    ringMobile)
            .bind("busyWhen", busyWhen, DraftForm.converter(BusyPolicy::name, BusyPolicy::valueOf))
            .bind("pickupGroup", pickupGroup, DraftForm.blankForNone());
    private final DraftForm<OutboundDraft> outboundForm = DraftForm.of(OutboundDraft.class, "out-form-error", null)
            .bind("permission", permission)
            .bind("callerId", callerId)
            .bind("forwardExternalCallers", forwardExternal);
    private final H2 title = new H2();
    private String extension;

    public UserRoutingView(
            RoutingDirectory routing,
            OutboundRoutes outbound,
            UserDirectory users,
            DestinationChoices choices,
            AuthenticationContext auth) {
        this.routing = routing;
        for (DestinationField f : new DestinationField[] {forwardAlways, forwardBusy, forwardNoAnswer}) {
            f.offer(choices);
        }
        this.outbound = outbound;
        this.users = users;
        this.canChange = auth.hasRole(Roles.ADMIN);
        setMaxWidth("60em");
        title.setId("user-routing-title");
        dnd.setId("cs-dnd");
        noAnswerSeconds.setId("cs-no-answer-seconds");
        noAnswerSeconds.setHelperText(getTranslation("routing.cs.no-answer-seconds-help"));
        mobileNumber.setId("cs-mobile-number");
        ringMobile.setId("cs-ring-mobile");
        busyWhen.setId("cs-busy-when");
        busyWhen.setLabel(getTranslation("routing.cs.busy-when"));
        busyWhen.setItems(BusyPolicy.values());
        busyWhen.setItemLabelGenerator(
                b -> getTranslation(b == BusyPolicy.ANY ? "routing.cs.busy-any" : "routing.cs.busy-all"));
        pickupGroup.setId("cs-pickup-group");
        pickupGroup.setHelperText(getTranslation("routing.cs.pickup-group-help"));
        permission.setId("out-permission");
        permission.setLabel(getTranslation("routing.cs.permission"));
        permission.setItems(PermissionClass.values());
        permission.setItemLabelGenerator(p -> getTranslation("routing.cs.permission." + p.text()));
        callerId.setId("out-caller-id");
        callerId.setHelperText(getTranslation("routing.cs.caller-id-help"));
        forwardExternal.setId("out-forward-external");
        // issue 22: trunk-to-trunk forwarding is how most toll fraud leaves a PBX; off unless the admin says so
        forwardExternal.setHelperText(getTranslation("routing.cs.forward-external-help"));
        // issue 17: either Save writes both sections, so edits in the other one are never silently dropped
        Button saveSettings = new Button(getTranslation("routing.save"), e -> saveAll());
        saveSettings.setId("save-call-settings");
        saveSettings.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button saveOutbound = new Button(getTranslation("routing.save"), e -> saveAll());
        saveOutbound.setId("save-outbound");
        saveOutbound.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveSettings.setVisible(canChange);
        saveOutbound.setVisible(canChange);
        settingsForm.readOnlyUnless(canChange);
        outboundForm.readOnlyUnless(canChange);
        // two columns: each setting beside the forwarding it belongs to (ring time beside "when not answered")
        FormLayout settings = new FormLayout(
                dnd,
                ringMobile,
                forwardAlways,
                mobileNumber,
                forwardBusy,
                busyWhen,
                forwardNoAnswer,
                noAnswerSeconds,
                pickupGroup);
        FormLayout out = new FormLayout(permission, callerId, forwardExternal);
        add(
                new RouterLink("← " + getTranslation("page.users"), UsersView.class),
                title,
                new H3(getTranslation("routing.cs.call-handling")),
                settings,
                settingsForm.errors().formError(),
                saveSettings,
                new H3(getTranslation("routing.cs.outbound")),
                new Paragraph(getTranslation("routing.cs.outbound-intro")),
                out,
                outboundForm.errors().formError(),
                saveOutbound);
    }

    @Override
    public void setParameter(BeforeEvent event, String ext) {
        Optional<CallSettings> s = routing.callSettings(ext);
        Optional<UserOutbound> o = outbound.userSettings(ext);
        if (s.isEmpty() || o.isEmpty()) {
            title.setText(getTranslation("routing.cs.no-user", ext));
            setEnabled(false);
            return;
        }
        extension = ext;
        title.setText(users.find(ext)
                .map(u -> getTranslation("routing.cs.title-named", u.displayName(), ext))
                .orElseGet(() -> getTranslation("routing.cs.title", ext)));
        show(s.get());
        outboundForm.read(new OutboundDraft(
                o.get().permission(), o.get().callerId(), o.get().forwardExternalCallers()));
    }

    private void show(CallSettings s) {
        settingsForm.read(CallSettingsForm.draft(s));
    }

    private void saveAll() {
        if (!canChange || extension == null) return;
        boolean settingsSaved = saveSettings();
        boolean outboundSaved = saveOutbound();
        if (settingsSaved && outboundSaved) {
            Notification.show(getTranslation("routing.cs.saved", extension))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    /** @return true when saved; else the errors are shown at their fields */
    private boolean saveSettings() {
        AtomicBoolean found = new AtomicBoolean(true);
        boolean saved = settingsForm.save(draft ->
                routing.updateCallSettings(extension, draft).ifPresentOrElse(this::show, () -> found.set(false)));
        return saved && found(found.get(), settingsForm);
    }

    /** @return true when saved; else the errors are shown at their fields */
    private boolean saveOutbound() {
        AtomicBoolean found = new AtomicBoolean(true);
        boolean saved = outboundForm.save(draft -> found.set(outbound.updateUserSettings(
                        extension,
                        draft.permission() == null ? null : draft.permission().text(),
                        draft.callerId(),
                        draft.forwardExternalCallers())
                .isPresent()));
        return saved && found(found.get(), outboundForm);
    }

    /** A user deleted meanwhile is said in the form's line. */
    private boolean found(boolean found, DraftForm<?> form) {
        if (!found) form.errors().showForm(getTranslation("routing.cs.deleted", extension));
        return found;
    }

    /** The outbound section as {@link OutboundRoutes#updateUserSettings} takes it, by the names of its errors. */
    private record OutboundDraft(PermissionClass permission, String callerId, boolean forwardExternalCallers) {}
}
