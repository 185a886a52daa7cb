package org.tandem.webui.frame;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.welcome.PasswordLinks;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;

/**
 * Where the welcome e-mail's link leads (issue 17): the user chooses their portal password, twice, with the link's
 * one-time token ({@link PasswordLinks}); then they log in. Open to anyone: the token is the proof.
 */
@Route("welcome")
@PageName("Choose your password")
@AnonymousAllowed
public class WelcomeView extends VerticalLayout implements BeforeEnterObserver, TranslatedTitle {

    private final PasswordLinks links;
    private final Paragraph intro = new Paragraph();
    private final PasswordField password = new PasswordField();
    private final PasswordField repeat = new PasswordField();
    private final Button save = new Button();
    private final Paragraph problem = new Paragraph();
    private String token;

    public WelcomeView(PasswordLinks links) {
        this.links = links;
        setAlignItems(Alignment.CENTER);
        intro.setId("welcome-intro");
        password.setId("welcome-password");
        password.setLabel(getTranslation("frame.welcome.new"));
        password.setHelperText(getTranslation("frame.welcome.new.help"));
        repeat.setLabel(getTranslation("frame.welcome.repeat"));
        save.setText(getTranslation("frame.welcome.save"));
        repeat.setId("welcome-repeat");
        save.setId("welcome-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> setPassword());
        problem.setId("welcome-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        add(new H1(AppShell.PRODUCT), intro, password, repeat, save, problem);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getLocation()
                .getQueryParameters()
                .getParameters()
                .getOrDefault("token", List.of(""))
                .get(0);
        var extension = links.extensionOf(token);
        if (extension.isEmpty()) {
            intro.setText(getTranslation("frame.welcome.used"));
            password.setVisible(false);
            repeat.setVisible(false);
            save.setVisible(false);
        } else {
            intro.setText(getTranslation("frame.welcome.intro", extension.get()));
        }
    }

    private void setPassword() {
        password.setInvalid(false);
        repeat.setInvalid(false);
        problem.setText("");
        try {
            String extension = links.redeem(token, password.getValue(), repeat.getValue());
            removeAll();
            Paragraph done = new Paragraph(getTranslation("frame.welcome.done", extension));
            done.setId("welcome-done");
            add(new H1(AppShell.PRODUCT), done, new Anchor("login", getTranslation("frame.welcome.log-in")));
        } catch (InvalidInputException e) {
            Map<String, String> f = e.fieldErrors(getLocale());
            if (f.containsKey("webPassword")) {
                password.setErrorMessage(f.get("webPassword"));
                password.setInvalid(true);
            }
            if (f.containsKey("repeat")) {
                repeat.setErrorMessage(f.get("repeat"));
                repeat.setInvalid(true);
            }
            if (f.containsKey("token")) problem.setText(f.get("token"));
        }
    }
}
