package org.tandem.webui.users;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.EmailField;
import java.util.Locale;
import java.util.Map;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.WelcomeMail;
import org.tandem.webui.WebAddress;

/** The user editor's "Send welcome e-mail": sent, or why not next to the field it is about (issue 17). */
final class WelcomeAction {

    private WelcomeAction() {}

    static void send(WelcomeMail welcome, String extension, EmailField email, Span formError) {
        formError.setText("");
        try {
            SmtpOutcome outcome = welcome.send(extension, WebAddress.base()).orElseThrow();
            if (outcome.sent()) {
                Notification.show(formError.getTranslation(
                                "users.welcome.sent", email.getValue(), outcome.serverAnswer()))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } else {
                formError.setText(formError.getTranslation("users.welcome.not-sent", outcome.serverAnswer()));
            }
        } catch (InvalidInputException e) {
            UI ui = UI.getCurrent();
            Map<String, String> errors = e.fieldErrors(ui == null ? Locale.ENGLISH : ui.getLocale());
            String about = errors.get("email");
            if (about != null) {
                email.setErrorMessage(about);
                email.setInvalid(true);
            } else {
                formError.setText(
                        formError.getTranslation("users.welcome.not-sent", String.join("; ", errors.values())));
            }
        }
    }
}
