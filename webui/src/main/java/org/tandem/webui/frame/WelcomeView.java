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
import java.util.concurrent.atomic.AtomicReference;
import org.tandem.pbx.welcome.PasswordLinks;
import org.tandem.webui.form.DraftForm;
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
    /** The token's problem (used, expired) has no input: it goes to the form's line, {@code welcome-problem}. */
    private final DraftForm<NewPassword> form = DraftForm.of(NewPassword.class, "welcome-problem", null)
            .bind("webPassword", password)
            .bind("repeat", repeat);

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
        form.read(new NewPassword("", ""));
        add(
                new H1(AppShell.PRODUCT),
                intro,
                password,
                repeat,
                save,
                form.errors().formError());
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

    /** The password chosen, twice, by the names {@link PasswordLinks#redeem} gives their errors. */
    private record NewPassword(String webPassword, String repeat) {}

    private void setPassword() {
        AtomicReference<String> extension = new AtomicReference<>();
        if (!form.save(p -> extension.set(links.redeem(token, p.webPassword(), p.repeat())))) return;
        removeAll();
        Paragraph done = new Paragraph(getTranslation("frame.welcome.done", extension.get()));
        done.setId("welcome-done");
        add(new H1(AppShell.PRODUCT), done, new Anchor("login", getTranslation("frame.welcome.log-in")));
    }
}
