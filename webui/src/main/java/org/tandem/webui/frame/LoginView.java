package org.tandem.webui.frame;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * One login for everyone: admin accounts (admin UI) and users with extension + web password (portal).
 * Spring Security checks the form POST; a wrong password comes back here with {@code ?error}.
 */
@Route("login")
@PageTitle("Log in · Tandem")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Log in");
        i18n.getForm().setUsername("Admin name or extension");
        i18n.getErrorMessage().setTitle("Wrong name or password");
        i18n.getErrorMessage().setMessage("Check both and try again. After repeated failures your address is "
                + "banned for a while.");
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        Paragraph hint = new Paragraph("Admins: the first start printed the 'admin' password on the console. "
                + "Users: your extension and the web password your administrator gave you.");
        hint.getStyle().set("max-width", "28em").set("color", "var(--lumo-secondary-text-color)");
        add(new H1("Tandem"), form, hint);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
