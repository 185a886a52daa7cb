package org.tandem.webui.conference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.park.ParkSettingsDraft;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/** Call park settings: orbit range, timeout, return to the parker, the park code. */
@Route(value = "park", layout = MainLayout.class)
@PageName("Call park")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class ParkView extends VerticalLayout implements TranslatedTitle {

    private final TextField firstOrbit = new TextField(getTranslation("conference.park.first"));
    private final TextField lastOrbit = new TextField(getTranslation("conference.park.last"));
    private final IntegerField timeout = new IntegerField(getTranslation("conference.park.timeout"));
    private final Checkbox returnToParker = new Checkbox(getTranslation("conference.park.return"));
    private final TextField featureCode = new TextField(getTranslation("conference.park.code"));
    /** An orbit that is already an extension (a duplicate) shows under the last orbit. */
    private final DraftForm<ParkSettingsDraft> form =
            DraftForm.of(ParkSettingsDraft.class, "park-form-error", "lastOrbit");

    public ParkView(CallPark park, AuthenticationContext auth) {
        boolean canChange = auth.hasRole(Roles.ADMIN);
        firstOrbit.setId("park-first-orbit");
        firstOrbit.setHelperText(getTranslation("conference.park.first.help"));
        lastOrbit.setId("park-last-orbit");
        lastOrbit.setHelperText(getTranslation("conference.park.last.help"));
        timeout.setId("park-timeout");
        returnToParker.setId("park-return");
        featureCode.setId("park-code");
        featureCode.setHelperText(getTranslation("conference.park.code.help"));
        form.bind("firstOrbit", firstOrbit)
                .bind("lastOrbit", lastOrbit)
                .bind("timeoutSeconds", timeout)
                .bind("returnToParker", returnToParker)
                .bind("featureCode", featureCode);
        show(park.settings());
        form.readOnlyUnless(canChange);
        FormLayout layout = new FormLayout(firstOrbit, lastOrbit, timeout, featureCode, returnToParker);
        layout.setMaxWidth("40em");
        Button save = new Button(getTranslation("conference.park.save"), e -> save(park));
        save.setId("save-park");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(canChange);
        add(
                new H2(getTranslation("conference.park.title")),
                new Paragraph(getTranslation("conference.park.intro")),
                layout,
                form.errors().formError(),
                save);
    }

    private void show(ParkSettings s) {
        form.read(new ParkSettingsDraft(
                s.firstOrbit(), s.lastOrbit(), s.timeoutSeconds(), s.returnToParker(), s.featureCode()));
    }

    private void save(CallPark park) {
        if (form.save(draft -> show(park.update(draft)))) {
            Notification.show(getTranslation("conference.park.saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }
}
