package org.tandem.webui.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.blocklist.Blocklist;
import org.tandem.pbx.cdr.CallRecord;
import org.tandem.pbx.cdr.CallRecords;
import org.tandem.pbx.cdr.CdrFilter;
import org.tandem.pbx.clicktocall.ClickToCall;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.messaging.MessageHistory;
import org.tandem.pbx.queue.CallQueues;
import org.tandem.pbx.queue.QueueAgents;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailGreetings;
import org.tandem.pbx.voicemail.VoicemailStore;
import org.tandem.pbx.welcome.SoftphoneSetup;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.calls.Outcomes;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.i18n.LanguageSwitch;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.portal.phone.PortalPhone;
import org.tandem.webui.portal.phone.TurnCredentials;
import org.tandem.webui.portal.voicemail.PortalVoicemail;
import org.tandem.webui.recording.RecordingList;
import org.tandem.webui.routing.CallSettingsForm;
import org.tandem.webui.routing.DestinationChoices;
import org.tandem.webui.routing.DestinationField;

/**
 * The user's own portal: call forwarding, do-not-disturb, "ring my mobile too", own call log and
 * missed calls, web password, own voicemail ({@code voicemail.PortalVoicemail}), queue logins and pauses
 * ({@link PortalQueues}), a QR code that sets up a softphone ({@link PortalSoftphone}). In the user's own language
 * when they chose one, else the browser's (issue 18).
 */
@Route("me")
@PageName("My phone")
@RolesAllowed("USER")
public class PortalView extends VerticalLayout implements TranslatedTitle {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm"); // the appliance\'s zone (issue 17)

    private final Checkbox dnd;
    // the one destination picker (issue 17, defect 2): a colleague by name, a voicemail box, or a typed number
    private static final List<DestinationField.Kind> FORWARD_KINDS = List.of(
            DestinationField.Kind.EXTENSION,
            DestinationField.Kind.EXTERNAL,
            DestinationField.Kind.VOICEMAIL,
            DestinationField.Kind.RINGGROUP);
    private final DestinationField forwardAlways;
    private final DestinationField forwardBusy;
    private final DestinationField forwardNoAnswer;
    private final IntegerField noAnswerSeconds;
    private final TextField mobileNumber;
    private final Checkbox ringMobile;
    /** Set by the admin, not in the portal: kept as they are when the user saves. */
    private String busyWhen;

    private String pickupGroup;

    public PortalView(
            AuthenticationContext auth,
            UserDirectory users,
            RoutingDirectory routing,
            CallRecords records,
            WebPasswords webPasswords,
            VoicemailBoxes boxes,
            VoicemailStore store,
            VoicemailGreetings greetings,
            UploadLimits limits,
            Blocklist blocklist,
            DestinationChoices choices,
            CallRecordings recordings,
            SipDomain sipDomain,
            ClickToCall clickToCall,
            MessageHistory messages,
            TurnCredentials turn,
            QueueAgents queueAgents,
            CallQueues queues,
            SoftphoneSetup softphone) {
        String extension = auth.getPrincipalName().orElseThrow();
        String name = users.find(extension).map(u -> u.displayName()).orElse(extension);
        ownLanguage(users, extension);
        dnd = new Checkbox(getTranslation("portal.dnd"));
        forwardAlways = new DestinationField(getTranslation("portal.forward-always"), "forward-always", FORWARD_KINDS);
        forwardBusy = new DestinationField(getTranslation("portal.forward-busy"), "forward-busy", FORWARD_KINDS);
        forwardNoAnswer =
                new DestinationField(getTranslation("portal.forward-no-answer"), "forward-no-answer", FORWARD_KINDS);
        noAnswerSeconds = new IntegerField(getTranslation("portal.ring-seconds"));
        mobileNumber = new TextField(getTranslation("portal.mobile"));
        ringMobile = new Checkbox(getTranslation("portal.ring-mobile"));
        for (DestinationField f : new DestinationField[] {forwardAlways, forwardBusy, forwardNoAnswer}) {
            f.offer(choices);
        }
        setMaxWidth("60em");
        Button logout = new Button(getTranslation("portal.log-out"), e -> auth.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        H2 title = new H2(getTranslation("portal.title", name, extension));
        title.setId("portal-title");
        // the same language switch as the admin pages' header (issue 18): staff choose their own
        HorizontalLayout top = new HorizontalLayout(title, new LanguageSwitch(), logout);
        top.setWidthFull();
        top.expand(title);
        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add(getTranslation("portal.tab.call-handling"), settings(extension, routing));
        // issue 16: this browser as one more phone of the extension (WebRTC; the SIP secret is never shown)
        tabs.add(
                        new Tab(getTranslation("portal.tab.phone")),
                        new PortalPhone(
                                extension,
                                sipDomain.current(),
                                users.sipSecret(extension).orElse(null),
                                turn))
                .setId("portal-phone-tab");
        // issue 17: a QR code that sets up a softphone app (Linphone) with this extension
        tabs.add(new Tab(getTranslation("portal.tab.softphone")), new PortalSoftphone(extension, softphone))
                .setId("portal-softphone-tab");
        if (boxes.find(extension).isPresent()) {
            tabs.add(
                            new Tab(getTranslation("portal.tab.voicemail")),
                            new PortalVoicemail(extension, boxes, store, greetings, limits))
                    .setId("tab-voicemail");
        }
        PortalBlocklist blocked = new PortalBlocklist(extension, blocklist);
        VerticalLayout log = new VerticalLayout(
                new PortalClickToCall(clickToCall, extension), calls(extension, records, false, blocked));
        log.setPadding(false);
        tabs.add(new Tab(getTranslation("portal.tab.call-log")), log).setId("portal-calllog-tab");
        tabs.add(getTranslation("portal.tab.missed"), calls(extension, records, true, blocked));
        tabs.add(new Tab(getTranslation("portal.tab.messages")), new PortalMessages(messages, extension))
                .setId("portal-messages-tab");
        tabs.add(new Tab(getTranslation("portal.tab.blocked")), blocked).setId("portal-blocklist-tab");
        // issue 18: the recordings of the user's own calls (as caller or callee), to play and download
        tabs.add(
                        new Tab(getTranslation("portal.tab.recordings")),
                        new RecordingList(recordings, () -> recordings.list(extension, 200), false))
                .setId("portal-recordings-tab");
        if (!queues.list().isEmpty()) {
            // issue 18: log in to queues, pause with a reason, resume
            tabs.add(new Tab(getTranslation("portal.tab.queues")), new PortalQueues(extension, queueAgents, queues))
                    .setId("portal-queues-tab");
        }
        tabs.add(getTranslation("portal.tab.password"), password(extension, webPasswords))
                .setId("portal-password-tab");
        add(top, tabs);
    }

    private VerticalLayout settings(String extension, RoutingDirectory routing) {
        dnd.setId("dnd");
        noAnswerSeconds.setId("no-answer-seconds");
        mobileNumber.setId("mobile-number");
        ringMobile.setId("ring-mobile");
        for (DestinationField f : new DestinationField[] {forwardAlways, forwardBusy, forwardNoAnswer}) {
            f.setHelperText(getTranslation("portal.forward.help", extension));
        }
        DraftForm<CallSettingsDraft> form = CallSettingsForm.of(
                "settings-form-error",
                dnd,
                forwardAlways,
                forwardBusy,
                forwardNoAnswer,
                noAnswerSeconds,
                mobileNumber,
                ringMobile);
        // what the admin sets (busy policy, pickup group) is kept as it is
        form.bindComposed("busyWhen", () -> busyWhen, b -> busyWhen = b);
        form.bindComposed("pickupGroup", () -> pickupGroup, g -> pickupGroup = g);
        form.read(CallSettingsForm.draft(routing.callSettings(extension).orElse(CallSettings.defaults(extension))));
        Button save = new Button(getTranslation("portal.save"), e -> {
            if (form.save(draft -> routing.updateCallSettings(extension, draft))) {
                Notification.show(getTranslation("portal.saved")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        });
        save.setId("save-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout layout = new FormLayout(
                dnd, ringMobile, forwardAlways, mobileNumber, forwardBusy, noAnswerSeconds, forwardNoAnswer);
        return new VerticalLayout(layout, form.errors().formError(), save);
    }

    private Grid<CallRecord> calls(String extension, CallRecords records, boolean missed, PortalBlocklist blocked) {
        Grid<CallRecord> grid = new Grid<>(CallRecord.class, false);
        String gridId = missed ? "my-missed-calls" : "my-calls";
        grid.setId(gridId);
        grid.addColumn(r -> TIME.format(r.startedAt()))
                .setHeader(getTranslation("portal.calls.when", ZonedFormat.zoneLabel()))
                .setAutoWidth(true);
        grid.addColumn(r -> r.callerExtension() != null ? r.callerExtension() : r.callerNumber())
                .setHeader(getTranslation("portal.calls.from"));
        grid.addColumn(CallRecord::dialled).setHeader(getTranslation("portal.calls.to"));
        // why a call failed, in the user's words, as the admin's call records say it (issue 17, defect 11)
        grid.addColumn(r -> Outcomes.of(r, getLocale())).setHeader(getTranslation("portal.calls.outcome"));
        grid.addColumn(CallRecord::billableSeconds).setHeader(getTranslation("portal.calls.seconds"));
        grid.addComponentColumn(r -> blocked.blockButton(gridId, r))
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItems(
                q -> {
                    CdrFilter page =
                            CdrFilter.all().withPage(q.getPage(), Math.min(q.getPageSize(), CdrFilter.MAX_SIZE));
                    return (missed ? records.missedCalls(extension, page) : records.callLog(extension, page))
                            .items().stream();
                },
                q -> (int) Math.min(
                        Integer.MAX_VALUE,
                        (missed
                                        ? records.missedCalls(
                                                extension, CdrFilter.all().withPage(0, 1))
                                        : records.callLog(
                                                extension, CdrFilter.all().withPage(0, 1)))
                                .total()));
        grid.setHeight("24em");
        return grid;
    }

    private VerticalLayout password(String extension, WebPasswords webPasswords) {
        PasswordField current = new PasswordField(getTranslation("portal.password.current"));
        current.setId("portal-current-password");
        PasswordField password = new PasswordField(getTranslation("portal.password.new"));
        password.setId("portal-new-password");
        password.setHelperText(getTranslation("portal.password.new.help"));
        PasswordField repeat = new PasswordField(getTranslation("portal.password.repeat"));
        repeat.setId("portal-repeat-password");
        DraftForm<PasswordChange> form = DraftForm.of(PasswordChange.class, "portal-password-error", null)
                .bind("currentPassword", current)
                .bind("webPassword", password)
                .bind("repeat", repeat, r -> r.equals(password.getValue()), getTranslation("portal.password.mismatch"));
        Button change = new Button(getTranslation("portal.password.change"), e -> {
            if (form.save(c -> webPasswords.change(extension, c.currentPassword(), c.webPassword()))) {
                form.read(new PasswordChange("", "", ""));
                Notification.show(getTranslation("portal.password.changed"))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        });
        change.setId("portal-change-password");
        return new VerticalLayout(
                new Paragraph(getTranslation("portal.password.intro")),
                current,
                password,
                repeat,
                form.errors().formError(),
                change);
    }

    /** A change of one's own web password, by the names {@link WebPasswords#change} gives its errors. */
    private record PasswordChange(String currentPassword, String webPassword, String repeat) {}

    /**
     * The portal speaks the user's own language (the one their voicemail speaks, issue 18) when they chose one, else
     * the browser's; set before any text is made.
     */
    private static void ownLanguage(UserDirectory users, String extension) {
        users.find(extension)
                .map(User::language)
                .filter(l -> !l.isBlank())
                .ifPresent(code -> UI.getCurrent().setLocale(Locale.forLanguageTag(code)));
    }
}
