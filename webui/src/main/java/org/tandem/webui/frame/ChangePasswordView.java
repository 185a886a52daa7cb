package org.tandem.webui.frame;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;

/** An admin chooses a new password; the first login with the one-time password must come here. */
@Route("change-password")
@PageName("Change password")
@RolesAllowed({"ADMIN", "OPERATOR", "RECEPTIONIST"})
public class ChangePasswordView extends VerticalLayout implements TranslatedTitle {

    public ChangePasswordView(AuthenticationContext auth, AdminCredentials credentials) {
        setMaxWidth("32em");
        String name = auth.getPrincipalName().orElseThrow();
        boolean forced = credentials.mustChangePassword(name);
        PasswordField current =
                new PasswordField(getTranslation(forced ? "frame.password.one-time" : "frame.password.current"));
        current.setId("current-password");
        current.setWidthFull();
        PasswordField password = new PasswordField(getTranslation("frame.password.new"));
        password.setId("new-password");
        password.setHelperText(getTranslation("frame.password.new.help"));
        password.setWidthFull();
        PasswordField repeat = new PasswordField(getTranslation("frame.password.repeat"));
        repeat.setId("repeat-password");
        repeat.setWidthFull();
        FieldErrors errors = new FieldErrors("change-password-error")
                .bind("currentPassword", current)
                .bind("password", password)
                .bind("repeat", repeat);
        Button save = new Button(getTranslation("frame.password.change"), e -> {
            errors.clear();
            if (!password.getValue().equals(repeat.getValue())) {
                errors.show(Map.of("repeat", getTranslation("frame.password.mismatch")));
                return;
            }
            try {
                credentials.changePassword(name, current.getValue(), password.getValue());
                getUI().ifPresent(ui -> ui.navigate(""));
            } catch (InvalidInputException x) {
                errors.show(x);
            }
        });
        save.setId("change-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H2(getTranslation("frame.password.title")));
        if (forced) {
            add(new Paragraph(getTranslation("frame.password.forced")));
        }
        add(current, password, repeat, save, errors.formError());
    }
}
