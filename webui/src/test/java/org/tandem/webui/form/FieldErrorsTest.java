package org.tandem.webui.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.validation.InvalidInputException;

class FieldErrorsTest {

    private final TextField name = new TextField();
    private final TextField open = new TextField();
    private final FieldErrors errors =
            new FieldErrors("form-error").bind("name", name).bind("open", open);

    @Test
    void eachErrorGoesUnderItsFieldAndTheRestUnderTheForm() {
        errors.show(new InvalidInputException(Map.of("name", "must not be empty")));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("must not be empty");
        assertThat(open.isInvalid()).isFalse();

        errors.show(Map.of("timeZone", "is not a time zone"));
        assertThat(errors.formError().getText()).isEqualTo("timeZone is not a time zone");

        errors.clear();
        assertThat(name.isInvalid()).isFalse();
        assertThat(errors.formError().getText()).isEmpty();
    }

    @Test
    void mappedNamesMeetOnOneFieldWithAllTheirMessages() {
        errors.mapping(n -> n.startsWith("weekly[") ? "open" : n);
        Map<String, String> week = new LinkedHashMap<>();
        week.put("weekly[0].opens", "must be before it closes");
        week.put("weekly[2].opens", "is not a time");
        errors.show(week);
        assertThat(open.getErrorMessage()).isEqualTo("must be before it closes; is not a time");
        assertThat(errors.formError().getText()).isEmpty();

        errors.show(Map.of("weekly[1].opens", "is not a time"));
        assertThat(open.getErrorMessage())
                .as("a new check replaces the old messages")
                .isEqualTo("is not a time");
    }

    /** Issue 18: the service's sentence in the page's language, English without a UI (logs, tests). */
    @Test
    void aServiceRefusalReadsInTheLanguageOfThePage() {
        UI ui = new UI();
        ui.setLocale(Locale.GERMAN);
        UI.setCurrent(ui);
        try {
            errors.show(new InvalidInputException("name", "common.required"));
            assertThat(name.getErrorMessage()).isEqualTo("ist erforderlich");
        } finally {
            UI.setCurrent(null);
        }
        errors.show(new InvalidInputException("name", "common.required"));
        assertThat(name.getErrorMessage()).isEqualTo("is required");
    }
}
