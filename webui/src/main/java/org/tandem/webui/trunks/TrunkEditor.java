package org.tandem.webui.trunks;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;
import org.tandem.pbx.trunk.CallerIdPolicy;
import org.tandem.pbx.trunk.DtmfMode;
import org.tandem.pbx.trunk.ProviderTemplate;
import org.tandem.pbx.trunk.ProviderTemplates;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkCodecs;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkDraft;
import org.tandem.pbx.trunk.TrunkProbes;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;

/**
 * Create, edit or delete one trunk. The password is write-only: the field always starts empty, and
 * leaving it empty keeps the stored one. The rules are {@link TrunkDirectory}'s, as for the REST API.
 */
final class TrunkEditor extends Dialog {

    private final TextField id = new TextField("Name");
    private final TextField host = new TextField("Provider host");
    private final IntegerField port = new IntegerField("Port");
    private final Select<String> transport = new Select<>();
    private final TextField username = new TextField("Account (user name)");
    private final TextField authUsername = new TextField("Authentication user");
    private final PasswordField password = new PasswordField("Password");
    private final TextField fromDomain = new TextField("From domain");
    private final Checkbox register = new Checkbox("Register with the provider");
    private final IntegerField registerExpiry = new IntegerField("Registration interval (seconds)");
    private final TextField inboundAddresses = new TextField("Other addresses calls come from");
    private final Select<CallerIdPolicy> callerIdPolicy = new Select<>();
    private final TextField callerId = new TextField("Trunk caller ID");
    private final Checkbox assertIdentity = new Checkbox("Send P-Asserted-Identity");
    private final IntegerField maxChannels = new IntegerField("Max. concurrent calls");
    private final TextField codecs = new TextField("Codecs, in order of preference");
    private final Select<DtmfMode> dtmfMode = new Select<>();
    private final FieldErrors errors = new FieldErrors("trunk-form-error");
    /** The provider template the trunk comes from (kept on save), or null. */
    private String template;

    /**
     * @param existing the trunk to show, or null for a new one
     * @param from     a provider template to fill a new trunk with (the admin types the account and password), or null
     */
    TrunkEditor(TrunkDirectory trunks, TrunkProbes probes, ProviderTemplates templates, Trunk existing,
                boolean canChange, Runnable changed, ProviderTemplate from) {
        boolean creating = existing == null;
        setHeaderTitle(creating ? (from == null ? "New trunk" : "New trunk: " + from.name()) : "Trunk " + existing.id());
        setWidth("52em");
        id.setId("trunk-id");
        id.setHelperText("Lower-case letters, digits, - and _");
        id.setReadOnly(!creating);
        host.setId("trunk-host");
        host.setHelperText("The provider's SIP server, e.g. sip.provider.example");
        port.setId("trunk-port");
        port.setValue(5060);
        transport.setId("trunk-transport");
        transport.setLabel("Transport");
        transport.setItems("udp", "tcp", "tls");
        transport.setValue("udp");
        username.setId("trunk-username");
        authUsername.setId("trunk-auth-username");
        authUsername.setHelperText("Only when the provider's differs from the account");
        password.setId("trunk-password");
        password.setHelperText(creating || !trunks.password(existing.id()).isPresent() ? "Needed to register"
                : "Stored; leave empty to keep it");
        password.setRevealButtonVisible(false);
        fromDomain.setId("trunk-from-domain");
        fromDomain.setHelperText("Empty: the provider host");
        register.setId("trunk-register");
        // the defaults explained where they are set (issue 17, defect 12): off and "the caller's" match the API's
        register.setHelperText("On when the provider gave you an account and password to log in with, as most "
                + "small-office providers do (the generic and Telnyx templates turn it on): the appliance then logs in "
                + "so that calls reach it. Off (a new trunk's default, as in the API) when the provider knows the "
                + "appliance by its IP address, as Twilio and Flowroute do.");
        registerExpiry.setId("trunk-register-expiry");
        registerExpiry.setValue(3600);
        inboundAddresses.setId("trunk-inbound-addresses");
        inboundAddresses.setHelperText("IP addresses (or address:port), separated by commas");
        callerIdPolicy.setId("trunk-caller-id-policy");
        callerIdPolicy.setLabel("Caller ID sent");
        callerIdPolicy.setItems(CallerIdPolicy.values());
        callerIdPolicy.setItemLabelGenerator(p -> p == CallerIdPolicy.CALLER ? "the caller's" : "always the trunk's");
        callerIdPolicy.setValue(CallerIdPolicy.CALLER);
        callerIdPolicy.setHelperText("\"The caller's\" (default): the user's own outbound caller ID, else the outbound "
                + "route's, else the trunk caller ID below: set the numbers on the users. \"Always the trunk's\": "
                + "every call shows the trunk caller ID (e.g. your main number); choose it when the provider refuses "
                + "numbers that are not yours.");
        callerId.setHelperText("Your number as the provider gave it, e.g. +493012345670; empty: the account name");
        callerId.setId("trunk-caller-id");
        assertIdentity.setId("trunk-assert-identity");
        maxChannels.setId("trunk-max-channels");
        maxChannels.setHelperText("Empty: no limit");
        codecs.setId("trunk-codecs");
        codecs.setHelperText("Of " + String.join(", ", TrunkCodecs.known()) + ", separated by commas; empty: any codec");
        dtmfMode.setId("trunk-dtmf-mode");
        dtmfMode.setLabel("Key presses (DTMF)");
        dtmfMode.setItems(DtmfMode.values());
        dtmfMode.setItemLabelGenerator(m -> "RFC 4733 (telephone-event in the audio stream)");
        dtmfMode.setHelperText("SIP INFO is not supported yet");
        dtmfMode.setValue(DtmfMode.RFC4733);
        errors.bind("id", id).bind("host", host).bind("port", port).bind("transport", transport)
                .bind("username", username).bind("authUsername", authUsername).bind("password", password)
                .bind("fromDomain", fromDomain).bind("registerExpiry", registerExpiry)
                .bind("inboundAddresses", inboundAddresses).bind("callerIdPolicy", callerIdPolicy)
                .bind("callerId", callerId).bind("maxChannels", maxChannels).bind("codecs", codecs)
                .bind("dtmfMode", dtmfMode).bind("template", id);
        if (existing != null) show(existing);
        if (from != null) fill(from);
        FormLayout form = new FormLayout(id, host, port, transport, username, authUsername, password, fromDomain,
                register, registerExpiry, inboundAddresses, callerIdPolicy, callerId, assertIdentity, maxChannels,
                codecs, dtmfMode);
        if (template != null) templates.find(template).ifPresent(t -> add(ProviderNotes.of(t)));
        add(form, errors.formError());
        for (HasValue<?, ?> f : new HasValue<?, ?>[] {id, host, port, transport, username, authUsername, password,
                fromDomain, register, registerExpiry, inboundAddresses, callerIdPolicy, callerId, assertIdentity,
                maxChannels, codecs, dtmfMode}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        Button closing = new Button("Close", e -> close());
        closing.setId("trunk-close");
        getFooter().add(closing);
        if (!creating) add(testButton(probes, existing.id()));
        if (canChange) {
            if (!creating) {
                Button delete = new Button("Delete", e -> Deletion.confirm("Trunk " + existing.id(),
                        trunks.usesOf(existing.id()), () -> trunks.delete(existing.id()), () -> {
                    changed.run();
                    close();
                }));
                delete.setId("delete-trunk");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
                getFooter().add(delete);
            }
            Button save = new Button("Save", e -> save(trunks, creating, changed));
            save.setId("save-trunk");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    /**
     * "Test": an OPTIONS to the provider as the trunk is saved (issue 17), the answer shown beside the button when it
     * comes (the Trunks page polls every 2 s, so no request waits for the provider). Reads only: operators may test.
     */
    private Component testButton(TrunkProbes probes, String trunkId) {
        Span result = new Span();
        result.setId("trunk-test-result");
        Button test = new Button("Test: ask the provider (SIP OPTIONS)", e -> {
            result.setText("asking the provider…");
            UI ui = e.getSource().getUI().orElseThrow();
            probes.probe(trunkId).thenAccept(r -> ui.access(() -> result.setText(r.message())));
        });
        test.setId("test-trunk");
        HorizontalLayout row = new HorizontalLayout(test, result);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return row;
    }

    private void show(Trunk t) {
        id.setValue(t.id());
        host.setValue(t.host());
        port.setValue(t.port());
        transport.setValue(t.transport());
        username.setValue(t.username() == null ? "" : t.username());
        authUsername.setValue(t.authUsername() == null ? "" : t.authUsername());
        fromDomain.setValue(t.fromDomain() == null ? "" : t.fromDomain());
        register.setValue(t.register());
        registerExpiry.setValue(t.registerExpiry());
        inboundAddresses.setValue(String.join(", ", t.inboundAddresses()));
        callerIdPolicy.setValue(t.callerIdPolicy());
        callerId.setValue(t.callerId() == null ? "" : t.callerId());
        assertIdentity.setValue(t.assertIdentity());
        maxChannels.setValue(t.maxChannels());
        codecs.setValue(String.join(", ", t.codecs()));
        dtmfMode.setValue(t.dtmfMode());
        template = t.template();
    }

    /** A new trunk as the provider's template describes it; fields it leaves open keep their defaults. */
    private void fill(ProviderTemplate from) {
        TrunkDraft d = from.draft(null, null, null);
        if (d.host() != null) host.setValue(d.host());
        if (from.hostHint() != null) host.setHelperText(from.hostHint());
        if (d.port() != null) port.setValue(d.port());
        if (d.transport() != null) transport.setValue(d.transport());
        if (d.register() != null) register.setValue(d.register());
        if (d.fromDomain() != null) fromDomain.setValue(d.fromDomain());
        assertIdentity.setValue(Boolean.TRUE.equals(d.assertIdentity()));
        codecs.setValue(d.codecs() == null ? "" : String.join(", ", d.codecs()));
        if (from.separateAuthUser()) authUsername.setHelperText("This provider gives a separate authentication user");
        template = from.id();
    }

    private void save(TrunkDirectory trunks, boolean creating, Runnable changed) {
        errors.clear();
        List<String> addresses = Arrays.stream(inboundAddresses.getValue().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        TrunkDraft draft = new TrunkDraft(id.getValue().strip(), host.getValue(), port.getValue(), transport.getValue(),
                blank(username), blank(authUsername), password.getValue().isEmpty() ? null : password.getValue(),
                blank(fromDomain), register.getValue(), registerExpiry.getValue(), addresses,
                callerIdPolicy.getValue() == null ? null : callerIdPolicy.getValue().name(), blank(callerId),
                assertIdentity.getValue(), maxChannels.getValue(), codecList(),
                dtmfMode.getValue() == null ? null : dtmfMode.getValue().code(), template);
        try {
            if (creating) {
                trunks.create(draft);
            } else {
                trunks.update(draft.id(), draft);
            }
            password.clear();
            Notification.show("Trunk " + draft.id() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            id.setErrorMessage(x.getMessage());
            id.setInvalid(true);
        }
    }

    /** The codec field as a list, in its order; null when empty (any codec). */
    private List<String> codecList() {
        List<String> list = Arrays.stream(codecs.getValue().split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .toList();
        return list.isEmpty() ? null : list;
    }

    private static String blank(TextField f) {
        return f.getValue().isBlank() ? null : f.getValue().strip();
    }
}
