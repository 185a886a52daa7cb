package org.tandem.webui.conference;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import org.tandem.pbx.park.CallPark;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.park.ParkSettingsDraft;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
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
    private final Span formError = new Span();

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
        formError.setId("park-form-error");
        formError.getStyle().set("color", "var(--lumo-error-text-color)");
        show(park.settings());
        FormLayout form = new FormLayout(firstOrbit, lastOrbit, timeout, featureCode, returnToParker);
        form.setMaxWidth("40em");
        for (var f : new HasValue<?, ?>[] {firstOrbit, lastOrbit, timeout, returnToParker, featureCode}) {
            f.setReadOnly(!canChange);
        }
        Button save = new Button(getTranslation("conference.park.save"), e -> save(park));
        save.setId("save-park");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(canChange);
        add(new H2(getTranslation("conference.park.title")), new Paragraph(getTranslation("conference.park.intro")),
                form, formError, save);
    }

    private void show(ParkSettings s) {
        firstOrbit.setValue(s.firstOrbit() == null ? "" : s.firstOrbit());
        lastOrbit.setValue(s.lastOrbit() == null ? "" : s.lastOrbit());
        timeout.setValue(s.timeoutSeconds());
        returnToParker.setValue(s.returnToParker());
        featureCode.setValue(s.featureCode() == null ? "" : s.featureCode());
    }

    private void save(CallPark park) {
        formError.setText("");
        for (HasValidation f : new HasValidation[] {firstOrbit, lastOrbit, timeout, featureCode}) f.setInvalid(false);
        try {
            show(park.update(new ParkSettingsDraft(firstOrbit.getValue(), lastOrbit.getValue(), timeout.getValue(),
                    returnToParker.getValue(), featureCode.getValue())));
            Notification.show(getTranslation("conference.park.saved")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException x) {
            x.fieldErrors(getLocale()).forEach(this::showError);
        } catch (DuplicateException x) {
            showError("lastOrbit", x.text(getLocale()));
        }
    }

    private void showError(String field, String message) {
        HasValidation target = Map.<String, HasValidation>of("firstOrbit", firstOrbit, "lastOrbit", lastOrbit,
                "timeoutSeconds", timeout, "featureCode", featureCode).get(field);
        if (target == null) {
            formError.setText(field + " " + message);
            return;
        }
        target.setErrorMessage(message);
        target.setInvalid(true);
    }
}
