package org.tandem.webui.setup;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.form.LanguageField;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;

/**
 * First-run setup in three steps: the phone system (SIP domain, time zone, admin password), the
 * network (address for phones outside the LAN), e-mail (SMTP, with a test e-mail that shows the
 * server's answer). Each step is checked before the next; nothing is saved until Finish.
 */
@Route(value = "setup", layout = MainLayout.class)
@PageName("Setup")
@RolesAllowed("ADMIN")
public class SetupWizardView extends VerticalLayout implements TranslatedTitle {

    private static final List<Set<String>> STEP_FIELDS = List.of(
            Set.of("sipDomain", "timeZone", "language", "password", "currentPassword"),
            Set.of("externalHost"),
            Set.of("smtpHost", "smtpPort", "mailFrom"));

    private final TextField domain = new TextField(getTranslation("setup.domain"));
    private final ComboBox<String> timeZone = new ComboBox<>(getTranslation("setup.time-zone"));
    private final LanguageField language = new LanguageField(getTranslation("setup.language"));
    private final PasswordField adminPassword = new PasswordField(getTranslation("setup.admin-password"));
    private final PasswordField currentPassword = new PasswordField(getTranslation("setup.current-password"));
    private final TextField externalHost = new TextField(getTranslation("setup.external-host"));
    private final TextField smtpHost = new TextField(getTranslation("setup.smtp-host"));
    private final IntegerField smtpPort = new IntegerField(getTranslation("setup.smtp-port"));
    private final TextField smtpUser = new TextField(getTranslation("setup.smtp-user"));
    private final PasswordField smtpPassword = new PasswordField(getTranslation("setup.smtp-password"));
    private final EmailField mailFrom = new EmailField(getTranslation("setup.mail-from"));
    private final Checkbox startTls = new Checkbox(getTranslation("setup.starttls"));
    private final EmailField testTo = new EmailField(getTranslation("setup.test-to"));
    private final Span testAnswer = new Span();
    private final FieldErrors errors = new FieldErrors("setup-form-error")
            .bind("sipDomain", domain)
            .bind("timeZone", timeZone)
            .bind("language", language)
            .bind("password", adminPassword)
            .bind("currentPassword", currentPassword)
            .bind("externalHost", externalHost)
            .bind("smtpHost", smtpHost)
            .bind("smtpPort", smtpPort)
            .bind("mailFrom", mailFrom);
    private final List<VerticalLayout> steps;
    private final Button back = new Button(getTranslation("setup.back"));
    private final Button next = new Button(getTranslation("setup.next"));
    private final Button finish = new Button(getTranslation("setup.finish"));
    private int step;
    private final AdminCredentials admins;

    public SetupWizardView(
            ApplianceSetup setup, TestEmail testEmail, AdminCredentials admins, AuthenticationContext auth) {
        this.admins = admins;
        setMaxWidth("44em");
        SetupSettings current = setup.current();
        domain.setId("setup-domain");
        domain.setHelperText(getTranslation("setup.domain.helper"));
        domain.setValue(current.sipDomain());
        timeZone.setId("setup-timezone");
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        timeZone.setValue(current.timeZone());
        language.setId("setup-language");
        language.setHelperText(getTranslation("setup.language.helper"));
        language.setCode(current.language());
        adminPassword.setId("setup-admin-password");
        adminPassword.setHelperText(getTranslation("setup.admin-password.helper"));
        currentPassword.setId("setup-current-password");
        externalHost.setId("setup-external-host");
        externalHost.setHelperText(getTranslation("setup.external-host.helper"));
        externalHost.setValue(orEmpty(current.externalHost()));
        smtpHost.setId("setup-smtp-host");
        smtpHost.setHelperText(getTranslation("setup.smtp-host.helper"));
        smtpHost.setValue(orEmpty(current.smtpHost()));
        smtpPort.setId("setup-smtp-port");
        smtpPort.setValue(current.smtpPort());
        smtpUser.setId("setup-smtp-user");
        smtpUser.setValue(orEmpty(current.smtpUsername()));
        smtpPassword.setId("setup-smtp-password");
        smtpPassword.setValue(orEmpty(current.smtpPassword()));
        mailFrom.setId("setup-mail-from");
        mailFrom.setValue(orEmpty(current.mailFrom()));
        startTls.setId("setup-starttls");
        startTls.setValue(current.smtpStartTls());
        testTo.setId("setup-test-to");
        testAnswer.setId("test-email-answer");
        Button sendTest = new Button(getTranslation("setup.send-test"), e -> {
            errors.clear();
            try {
                SetupSettings s = ApplianceSetup.check(settings());
                if (s.smtpHost() == null) {
                    errors.show(Map.of("smtpHost", getTranslation("setup.test-needs-server")));
                    return;
                }
                TestEmail.Outcome outcome = testEmail.send(s, testTo.getValue());
                testAnswer.setText(getTranslation(
                        outcome.sent() ? "setup.test-sent" : "setup.test-not-sent", outcome.serverAnswer()));
                testAnswer
                        .getStyle()
                        .set(
                                "color",
                                outcome.sent() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
            } catch (InvalidInputException x) {
                errors.show(x);
            }
        });
        sendTest.setId("setup-send-test");
        steps = List.of(
                new VerticalLayout(
                        new H3(getTranslation("setup.step.phone-system")),
                        domain,
                        timeZone,
                        language,
                        adminPassword,
                        currentPassword),
                new VerticalLayout(
                        new H3(getTranslation("setup.step.network")),
                        new Paragraph(getTranslation("setup.network.hint")),
                        externalHost),
                new VerticalLayout(
                        new H3(getTranslation("setup.step.email")),
                        smtpHost,
                        new HorizontalLayout(smtpPort, startTls),
                        smtpUser,
                        smtpPassword,
                        mailFrom,
                        new HorizontalLayout(testTo, sendTest),
                        testAnswer));
        back.setId("setup-back");
        next.setId("setup-next");
        finish.setId("setup-finish");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        finish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        back.addClickListener(e -> show(step - 1));
        next.addClickListener(e -> {
            if (stepIsValid(step)) show(step + 1);
        });
        finish.addClickListener(e -> {
            if (!stepIsValid(-1)) return;
            String name = auth.getPrincipalName().orElseThrow();
            try {
                if (!adminPassword.isEmpty()) {
                    admins.changePassword(name, currentPassword.getValue(), adminPassword.getValue());
                }
                setup.save(settings());
                getUI().ifPresent(ui -> ui.navigate(""));
            } catch (InvalidInputException x) {
                errors.show(x);
                show(firstStepWithError(x.fieldErrors(getLocale())));
            }
        });
        add(new H2(getTranslation("setup.title")));
        steps.forEach(this::add);
        add(new HorizontalLayout(back, next, finish), errors.formError());
        show(0);
    }

    private boolean stepIsValid(int which) {
        errors.clear();
        // the new admin password is checked with its step, not only at Finish (issue 17)
        Map<String, String> passwordErrors = new LinkedHashMap<>();
        if (which <= 0 && !adminPassword.isEmpty()) {
            admins.passwordProblem(adminPassword.getValue(), getLocale())
                    .ifPresent(m -> passwordErrors.put("password", m));
            if (currentPassword.isEmpty())
                passwordErrors.put("currentPassword", getTranslation("setup.current-password.required"));
        }
        errors.show(passwordErrors);
        if (!passwordErrors.isEmpty() && which < 0) show(0);
        try {
            ApplianceSetup.check(settings());
            return passwordErrors.isEmpty();
        } catch (InvalidInputException x) {
            // this step's errors only (all of them at Finish), with the password's
            Map<String, String> shown = new LinkedHashMap<>(passwordErrors);
            x.fieldErrors(getLocale()).forEach((field, message) -> {
                if (which < 0 || STEP_FIELDS.get(which).contains(field)) shown.put(field, message);
            });
            errors.show(shown);
            if (which < 0) show(passwordErrors.isEmpty() ? firstStepWithError(x.fieldErrors(getLocale())) : 0);
            return shown.isEmpty();
        }
    }

    private int firstStepWithError(Map<String, String> errors) {
        for (int i = 0; i < STEP_FIELDS.size(); i++) {
            for (String field : errors.keySet()) if (STEP_FIELDS.get(i).contains(field)) return i;
        }
        return step;
    }

    private void show(int which) {
        step = Math.max(0, Math.min(steps.size() - 1, which));
        for (int i = 0; i < steps.size(); i++) steps.get(i).setVisible(i == step);
        back.setEnabled(step > 0);
        next.setVisible(step < steps.size() - 1);
        finish.setVisible(step == steps.size() - 1);
    }

    private SetupSettings settings() {
        return new SetupSettings(
                domain.getValue(),
                timeZone.getValue(),
                externalHost.getValue(),
                smtpHost.getValue(),
                smtpPort.getValue() == null ? 0 : smtpPort.getValue(),
                smtpUser.getValue(),
                smtpPassword.getValue(),
                mailFrom.getValue(),
                startTls.getValue(),
                smtpPort.getValue() != null && smtpPort.getValue() == 465,
                language.code());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
