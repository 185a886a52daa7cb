package org.tandem.webui.users;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.WelcomeMail;

/** The user editor's "Send welcome e-mail": sent, or why not next to the field it is about (issue 17). */
final class WelcomeAction {

    private WelcomeAction() {
    }

    static void send(WelcomeMail welcome, String extension, EmailField email, Span formError) {
        formError.setText("");
        try {
            SmtpOutcome outcome = welcome.send(extension, baseUrl()).orElseThrow();
            if (outcome.sent()) {
                Notification.show(formError.getTranslation("users.welcome.sent", email.getValue(),
                        outcome.serverAnswer())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } else {
                formError.setText(formError.getTranslation("users.welcome.not-sent", outcome.serverAnswer()));
            }
        } catch (InvalidInputException e) {
            String about = e.fieldErrors().get("email");
            if (about != null) {
                email.setErrorMessage(about);
                email.setInvalid(true);
            } else {
                formError.setText(formError.getTranslation("users.welcome.not-sent",
                        String.join("; ", e.fieldErrors().values())));
            }
        }
    }

    /** The address the admin reached this page at: the e-mail's links must work from where they are. */
    private static String baseUrl() {
        HttpServletRequest r = ((VaadinServletRequest) VaadinServletRequest.getCurrent()).getHttpServletRequest();
        boolean defaultPort = ("http".equals(r.getScheme()) && r.getServerPort() == 80)
                || ("https".equals(r.getScheme()) && r.getServerPort() == 443);
        return r.getScheme() + "://" + r.getServerName() + (defaultPort ? "" : ":" + r.getServerPort())
                + r.getContextPath() + "/";
    }
}
