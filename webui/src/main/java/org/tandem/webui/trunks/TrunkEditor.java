package org.tandem.webui.trunks;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.converter.Converter;
import java.util.Arrays;
import org.tandem.pbx.trunk.CallerIdPolicy;
import org.tandem.pbx.trunk.DtmfMode;
import org.tandem.pbx.trunk.ProviderTemplate;
import org.tandem.pbx.trunk.ProviderTemplates;
import org.tandem.pbx.trunk.Trunk;
import org.tandem.pbx.trunk.TrunkCodecs;
import org.tandem.pbx.trunk.TrunkDirectory;
import org.tandem.pbx.trunk.TrunkDraft;
import org.tandem.pbx.trunk.TrunkProbes;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.frame.Deletion;

/**
 * Create, edit or delete one trunk. The password is write-only: the field always starts empty, and
 * leaving it empty keeps the stored one. The rules are {@link TrunkDirectory}'s, as for the REST API.
 */
final class TrunkEditor extends EditorDialog<TrunkDraft> {

    private final TextField id = new TextField(getTranslation("trunks.name"));
    private final TextField host = new TextField(getTranslation("trunks.trunk.host"));
    private final IntegerField port = new IntegerField(getTranslation("trunks.trunk.port"));
    private final Select<String> transport = new Select<>();
    private final TextField username = new TextField(getTranslation("trunks.trunk.username"));
    private final TextField authUsername = new TextField(getTranslation("trunks.trunk.auth-username"));
    private final PasswordField password = new PasswordField(getTranslation("trunks.trunk.password"));
    private final TextField fromDomain = new TextField(getTranslation("trunks.trunk.from-domain"));
    private final Checkbox register = new Checkbox(getTranslation("trunks.trunk.register"));
    private final IntegerField registerExpiry = new IntegerField(getTranslation("trunks.trunk.register-expiry"));
    private final TextField inboundAddresses = new TextField(getTranslation("trunks.trunk.inbound-addresses"));
    private final Select<CallerIdPolicy> callerIdPolicy = new Select<>();
    private final TextField callerId = new TextField(getTranslation("trunks.trunk.caller-id"));
    private final Checkbox assertIdentity = new Checkbox(getTranslation("trunks.trunk.assert-identity"));
    private final IntegerField maxChannels = new IntegerField(getTranslation("trunks.trunk.max-channels"));
    private final TextField codecs = new TextField(getTranslation("trunks.trunk.codecs"));
    private final Select<DtmfMode> dtmfMode = new Select<>();
    /** The provider template the trunk comes from (kept on save), or null. */
    private String template;

    /**
     * @param existing the trunk to show, or null for a new one
     * @param from     a provider template to fill a new trunk with (the admin types the account and password), or null
     */
    TrunkEditor(
            TrunkDirectory trunks,
            TrunkProbes probes,
            ProviderTemplates templates,
            Trunk existing,
            boolean canChange,
            Runnable changed,
            ProviderTemplate from) {
        super(TrunkDraft.class, "trunk-form-error", "id");
        boolean creating = existing == null;
        setHeaderTitle(
                creating
                        ? (from == null
                                ? getTranslation("trunks.trunk.new")
                                : getTranslation("trunks.trunk.new-from", from.name()))
                        : getTranslation("trunks.trunk.title", existing.id()));
        setWidth("52em");
        id.setId("trunk-id");
        id.setHelperText(getTranslation("trunks.id-help"));
        id.setReadOnly(!creating);
        host.setId("trunk-host");
        host.setHelperText(getTranslation("trunks.trunk.host-help"));
        port.setId("trunk-port");
        transport.setId("trunk-transport");
        transport.setLabel(getTranslation("trunks.trunk.transport"));
        transport.setItems("udp", "tcp", "tls");
        username.setId("trunk-username");
        authUsername.setId("trunk-auth-username");
        authUsername.setHelperText(getTranslation("trunks.trunk.auth-username-help"));
        password.setId("trunk-password");
        password.setHelperText(getTranslation(
                creating || !trunks.password(existing.id()).isPresent()
                        ? "trunks.trunk.password-needed"
                        : "trunks.trunk.password-stored"));
        password.setRevealButtonVisible(false);
        fromDomain.setId("trunk-from-domain");
        fromDomain.setHelperText(getTranslation("trunks.trunk.from-domain-help"));
        register.setId("trunk-register");
        // the defaults explained where they are set (issue 17, defect 12): off and "the caller's" match the API's
        register.setHelperText(getTranslation("trunks.trunk.register-help"));
        registerExpiry.setId("trunk-register-expiry");
        inboundAddresses.setId("trunk-inbound-addresses");
        inboundAddresses.setHelperText(getTranslation("trunks.trunk.inbound-addresses-help"));
        callerIdPolicy.setId("trunk-caller-id-policy");
        callerIdPolicy.setLabel(getTranslation("trunks.trunk.caller-id-policy"));
        callerIdPolicy.setItems(CallerIdPolicy.values());
        callerIdPolicy.setItemLabelGenerator(p -> getTranslation(
                p == CallerIdPolicy.CALLER
                        ? "trunks.trunk.caller-id-policy.caller"
                        : "trunks.trunk.caller-id-policy.trunk"));
        callerIdPolicy.setHelperText(getTranslation("trunks.trunk.caller-id-policy-help"));
        callerId.setHelperText(getTranslation("trunks.trunk.caller-id-help"));
        callerId.setId("trunk-caller-id");
        assertIdentity.setId("trunk-assert-identity");
        maxChannels.setId("trunk-max-channels");
        maxChannels.setHelperText(getTranslation("trunks.trunk.max-channels-help"));
        codecs.setId("trunk-codecs");
        codecs.setHelperText(getTranslation("trunks.trunk.codecs-help", String.join(", ", TrunkCodecs.known())));
        dtmfMode.setId("trunk-dtmf-mode");
        dtmfMode.setLabel(getTranslation("trunks.trunk.dtmf"));
        dtmfMode.setItems(DtmfMode.values());
        dtmfMode.setItemLabelGenerator(m -> getTranslation("trunks.trunk.dtmf.rfc4733"));
        dtmfMode.setHelperText(getTranslation("trunks.trunk.dtmf-help"));
        bindInputs();
        read(existing == null ? TrunkDraft.defaults() : asDraft(existing));
        if (from != null) fill(from);
        FormLayout form = new FormLayout(
                id,
                host,
                port,
                transport,
                username,
                authUsername,
                password,
                fromDomain,
                register,
                registerExpiry,
                inboundAddresses,
                callerIdPolicy,
                callerId,
                assertIdentity,
                maxChannels,
                codecs,
                dtmfMode);
        if (template != null) templates.find(template).ifPresent(t -> add(ProviderNotes.of(t, this)));
        add(form, errors.formError());
        readOnlyUnless(canChange);
        Button closing = new Button(getTranslation("trunks.close"), e -> close());
        closing.setId("trunk-close");
        getFooter().add(closing);
        if (!creating) add(testButton(probes, existing.id()));
        if (canChange) {
            if (!creating) {
                getFooter()
                        .add(Deletion.editorButton(
                                this,
                                getTranslation("trunks.delete"),
                                "delete-trunk",
                                getTranslation("trunks.trunk.title", existing.id()),
                                () -> trunks.usesOf(existing.id()),
                                () -> trunks.delete(existing.id()),
                                changed));
            }
            addSaveButton(
                    getTranslation("trunks.save"),
                    "save-trunk",
                    () -> save(
                            draft -> {
                                if (creating) trunks.create(draft);
                                else trunks.update(draft.id(), draft);
                                password.clear();
                            },
                            draft -> getTranslation("trunks.trunk.saved", draft.id()),
                            changed));
        }
    }

    private void bindInputs() {
        bind("id", id, stripped());
        bind("host", host);
        bind("port", port);
        bind("transport", transport);
        bind("username", username, blankIsNone());
        bind("authUsername", authUsername, blankIsNone());
        // write-only: the field starts empty, and empty keeps the stored password
        bind("password", password, converter(p -> p.isEmpty() ? null : p, p -> ""));
        bind("fromDomain", fromDomain, blankIsNone());
        bind("register", register);
        bind("registerExpiry", registerExpiry);
        bind("inboundAddresses", inboundAddresses, list(",", ", "));
        bind("callerIdPolicy", callerIdPolicy, converter(CallerIdPolicy::name, CallerIdPolicy::valueOf));
        bind("callerId", callerId, blankIsNone());
        bind("assertIdentity", assertIdentity);
        bind("maxChannels", maxChannels);
        // in their order; none is any codec
        bind(
                "codecs",
                codecs,
                converter(
                        text -> split(text, ",").isEmpty() ? null : split(text, ","), list -> String.join(", ", list)));
        bind(
                "dtmfMode",
                dtmfMode,
                converter(
                        DtmfMode::code,
                        code -> Arrays.stream(DtmfMode.values())
                                .filter(m -> m.code().equals(code))
                                .findFirst()
                                .orElse(null)));
        bindComposed("template", () -> template, t -> template = t);
        errors.bind("template", id);
    }

    private static TrunkDraft asDraft(Trunk t) {
        return new TrunkDraft(
                t.id(),
                t.host(),
                t.port(),
                t.transport(),
                t.username(),
                t.authUsername(),
                null,
                t.fromDomain(),
                t.register(),
                t.registerExpiry(),
                t.inboundAddresses(),
                t.callerIdPolicy().name(),
                t.callerId(),
                t.assertIdentity(),
                t.maxChannels(),
                t.codecs(),
                t.dtmfMode().code(),
                t.template());
    }

    /** An optional text: blank is none (null), else without the blanks around it. */
    private static Converter<String, String> blankIsNone() {
        return converter(v -> v.isBlank() ? null : v.strip(), v -> v);
    }

    /**
     * "Test": an OPTIONS to the provider as the trunk is saved (issue 17), the answer shown beside the button when it
     * comes (the Trunks page polls every 2 s, so no request waits for the provider). Reads only: operators may test.
     */
    private Component testButton(TrunkProbes probes, String trunkId) {
        Span result = new Span();
        result.setId("trunk-test-result");
        Button test = new Button(getTranslation("trunks.trunk.test"), e -> {
            result.setText(getTranslation("trunks.trunk.testing"));
            UI ui = e.getSource().getUI().orElseThrow();
            probes.probe(trunkId).thenAccept(r -> ui.access(() -> result.setText(r.message())));
        });
        test.setId("test-trunk");
        HorizontalLayout row = new HorizontalLayout(test, result);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return row;
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
        if (from.separateAuthUser()) {
            authUsername.setHelperText(getTranslation("trunks.trunk.auth-username-separate"));
        }
        template = from.id();
    }
}
