package org.tandem.webui.routing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * The feature codes phones dial (*72 forward, *78 do-not-disturb, …). The whole set is checked on
 * save: a code used twice, or one that is the start of another, is shown under the field and nothing
 * changes.
 */
@Route(value = "feature-codes", layout = MainLayout.class)
@PageName("Feature codes")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class FeatureCodesView extends VerticalLayout implements TranslatedTitle {

    private final RoutingDirectory routing;
    private final Map<Feature, TextField> fields = new EnumMap<>(Feature.class);
    /** The codes by feature name, the names the service gives its errors. */
    private final DraftForm<Map<Feature, String>> form =
            new DraftForm<>("feature-codes-error", null, FeatureCodesView::byName, FeatureCodesView::byFeature);

    public FeatureCodesView(RoutingDirectory routing, AuthenticationContext auth) {
        this.routing = routing;
        boolean canChange = auth.hasRole(Roles.ADMIN);
        FormLayout layout = new FormLayout();
        layout.setMaxWidth("48em");
        for (Feature f : Feature.values()) {
            TextField code = new TextField(label(f));
            code.setId("fc-" + f.name());
            code.setHelperText(getTranslation(
                    f.takesArgument() ? "routing.fc.default-then-number" : "routing.fc.default", f.defaultCode()));
            fields.put(f, code);
            form.bind(f.name(), code);
            layout.add(code);
        }
        form.readOnlyUnless(canChange);
        Button save = new Button(getTranslation("routing.save"), e -> save());
        save.setId("save-feature-codes");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setVisible(canChange);
        Button defaults = new Button(
                getTranslation("routing.fc.defaults"), e -> fields.forEach((f, c) -> c.setValue(f.defaultCode())));
        defaults.setId("feature-codes-defaults");
        defaults.setVisible(canChange);
        add(
                new H2(getTranslation("page.feature-codes")),
                new Paragraph(getTranslation("routing.fc.intro")),
                layout,
                form.errors().formError(),
                new HorizontalLayout(save, defaults));
        form.read(routing.featureCodes());
    }

    private void save() {
        if (form.save(changes -> form.read(routing.updateFeatureCodes(changes)))) {
            Notification.show(getTranslation("routing.fc.saved")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    private static Map<String, Object> byName(Map<Feature, String> codes) {
        Map<String, Object> values = new HashMap<>();
        codes.forEach((f, c) -> values.put(f.name(), c));
        return values;
    }

    private static Map<Feature, String> byFeature(Map<String, Object> values) {
        Map<Feature, String> codes = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) codes.put(f, (String) values.get(f.name()));
        return codes;
    }

    /**
     * The feature in the page's language: in English the one set of words for features, {@link Feature#label()} (the
     * service's messages use them too, "the same code as own voicemail"), but for "Park a call (transfer it here)".
     */
    private String label(Feature f) {
        return getTranslation("routing.feature." + f.name().toLowerCase(Locale.ROOT));
    }
}
