package org.tandem.webui.frame;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.tandem.operations.backup.LiveSession;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.live.LiveSessionNotice;

/**
 * One login for everyone: admin accounts (admin UI) and users with extension + web password (portal).
 * Spring Security checks the form POST; a wrong password comes back here with {@code ?error}. A page whose session
 * ended (appliance restart, timeout) comes here with {@code ?expired} (SessionExpiry), and the page says so.
 */
@Route("login")
@PageName("Log in")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, TranslatedTitle {

    private final LoginForm form = new LoginForm();
    private final Paragraph expired = new Paragraph();

    public LoginView(LiveSession liveSession) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        Paragraph hint = new Paragraph(getTranslation("login.hint"));
        hint.setId("login-hint");
        hint.getStyle().set("max-width", "28em").set("color", "var(--lumo-secondary-text-color)");
        expired.setId("login-expired");
        expired.setText(getTranslation("login.expired"));
        expired.getStyle()
                .set("max-width", "28em")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("background", "var(--lumo-primary-color-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        expired.setVisible(false);
        add(new H1(AppShell.PRODUCT), new LiveSessionNotice(liveSession), expired, form, hint);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        form.setError(parameters.containsKey("error"));
        expired.setVisible(parameters.containsKey("expired") && !parameters.containsKey("error"));
    }
}
