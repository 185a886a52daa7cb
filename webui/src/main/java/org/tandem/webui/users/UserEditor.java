package org.tandem.webui.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Map;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.security.GeneratedPasswords;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.WelcomeMail;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.form.LanguageField;
import org.tandem.webui.frame.Deletion;

/**
 * Create or edit one user. Every rule is the directory's own ({@link UserDirectory} validates for the
 * API and the UI alike); its field errors are shown under the field they concern.
 */
final class UserEditor extends EditorDialog<UserDraft> {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm:ss"); // the appliance's zone (issue 17)

    private final TextField extension = new TextField();
    private final TextField displayName = new TextField();
    private final EmailField email = new EmailField();
    private final TextField sipPassword = new TextField();
    private final PasswordField webPassword = new PasswordField();
    private final LanguageField language;

    UserEditor(
            UserDirectory users,
            WebPasswords webPasswords,
            LocationService locations,
            User existing,
            boolean canChange,
            Runnable changed,
            WelcomeMail welcome) {
        super(UserDraft.class, "user-form-error", "extension");
        boolean creating = existing == null;
        language = LanguageField.optional(getTranslation("user.language"), "user-language");
        setHeaderTitle(creating ? getTranslation("user.new") : getTranslation("user.title", existing.extension()));
        extension.setLabel(getTranslation("user.extension"));
        displayName.setLabel(getTranslation("user.name"));
        email.setLabel(getTranslation("user.email"));
        sipPassword.setLabel(getTranslation("user.sip-password"));
        webPassword.setLabel(getTranslation("user.web-password"));
        extension.setId("user-extension");
        extension.setHelperText(getTranslation("user.extension.help"));
        extension.setReadOnly(!creating);
        displayName.setId("user-name");
        email.setId("user-email");
        sipPassword.setId("user-sip-password");
        sipPassword.setHelperText(
                getTranslation(creating ? "user.sip-password.help.new" : "user.sip-password.help.keep"));
        webPassword.setId("user-web-password");
        webPassword.setHelperText(getTranslation("user.web-password.help"));
        Button generate =
                new Button(getTranslation("user.generate"), e -> sipPassword.setValue(GeneratedPasswords.strong()));
        generate.setId("generate-password");
        generate.addThemeVariants(ButtonVariant.LUMO_SMALL);
        sipPassword.setSuffixComponent(generate);
        email.setErrorMessage(getTranslation("users.email.invalid"));
        bind("extension", extension, stripped());
        bind("displayName", displayName);
        // the SIP password is never shown: empty keeps the stored one (null) when editing
        bind("password", sipPassword, converter(p -> p.isEmpty() && !creating ? null : p, p -> ""));
        bind("email", email);
        bind("language", language, languageCode());
        errors.bind("webPassword", webPassword); // set apart from the draft (WebPasswords), checked first
        if (creating) {
            String next = users.nextFreeExtension(); // issue 17: the next free number, as other PBXs suggest
            read(new UserDraft(next == null ? "" : next, "", null, "", ""));
        } else {
            read(new UserDraft(
                    existing.extension(), existing.displayName(), null, existing.email(), existing.language()));
        }
        FormLayout form = new FormLayout(extension, displayName, email, sipPassword, webPassword, language);
        form.setMaxWidth("40em");
        add(form, errors.formError());
        if (!creating) add(registrations(locations, existing.extension()));
        if (!creating) {
            // forwarding, DND and outbound permissions live on their own page (routing feature)
            Button callSettings = new Button(getTranslation("user.call-settings"), e -> {
                getUI().ifPresent(ui -> ui.navigate("user-routing/" + existing.extension()));
                close();
            });
            callSettings.setId("user-call-settings");
            getFooter().add(callSettings);
        }
        readOnlyUnless(canChange);
        webPassword.setReadOnly(!canChange);
        Button cancel = new Button(getTranslation("user.close"), e -> close());
        cancel.setId("user-editor-close");
        getFooter().add(cancel);
        if (canChange) {
            if (!creating) {
                getFooter()
                        .add(Deletion.editorButton(
                                this,
                                getTranslation("user.delete"),
                                "delete-user",
                                getTranslation("user.title", existing.extension()),
                                () -> users.usesOf(existing.extension()),
                                () -> users.delete(existing.extension()),
                                changed));
                Button sendWelcome = new Button(
                        getTranslation("user.send-welcome"),
                        e -> WelcomeAction.send(welcome, existing.extension(), email, errors.formError()));
                sendWelcome.setId("send-welcome");
                getFooter().add(sendWelcome);
            }
            addSaveButton(
                    getTranslation("user.save"),
                    "save-user",
                    () -> save(
                            draft -> {
                                // check the web password first, so a bad one stops everything (nothing half saved)
                                if (!webPassword.isEmpty()) {
                                    WebPasswords.problem(webPassword.getValue()).ifPresent(error -> {
                                        throw InvalidInputException.of(Map.of("webPassword", error));
                                    });
                                }
                                if (creating) {
                                    users.create(draft);
                                } else {
                                    users.update(draft.extension(), draft);
                                }
                                if (!webPassword.isEmpty()) webPasswords.set(draft.extension(), webPassword.getValue());
                            },
                            draft -> getTranslation("user.saved", draft.extension()),
                            changed));
        }
    }

    private Grid<Binding> registrations(LocationService locations, String extension) {
        Grid<Binding> grid = new Grid<>(Binding.class, false);
        grid.setId("user-registrations");
        grid.addColumn(Binding::contactUri).setHeader(getTranslation("users.contact"));
        grid.addColumn(b -> b.sourceAddress() + ":" + b.sourcePort() + " " + b.transport())
                .setHeader(getTranslation("users.from"));
        grid.addColumn(b -> b.userAgent() == null ? "" : b.userAgent()).setHeader(getTranslation("users.device"));
        grid.addColumn(b -> TIME.format(b.expiresAt())).setHeader(getTranslation("users.expires"));
        grid.setItems(locations.lookup(extension));
        grid.setAllRowsVisible(true);
        return grid;
    }
}
