package org.tandem.webui.ivr;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Span;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Shows a service's field errors ({@code InvalidInputException#fieldErrors()}) under the fields they concern;
 * an error of a field the form does not have goes into one line under the form.
 */
final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Span formError = new Span();
    private Function<String, String> mapping = f -> f;

    FieldErrors(String formErrorId) {
        formError.setId(formErrorId);
        formError.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    FieldErrors field(String name, HasValidation component) {
        fields.put(name, component);
        return this;
    }

    /** Maps a service field name (e.g. {@code weekly[2].opens}) to a form field name before the lookup. */
    FieldErrors mapping(Function<String, String> mapping) {
        this.mapping = mapping;
        return this;
    }

    Span formError() {
        return formError;
    }

    void show(Map<String, String> errors) {
        errors.forEach((field, message) -> {
            HasValidation target = fields.get(mapping.apply(field));
            if (target == null) {
                formError.setText((formError.getText().isEmpty() ? "" : formError.getText() + "; ") + field + " " + message);
                return;
            }
            String text = target.isInvalid() && target.getErrorMessage() != null ? target.getErrorMessage() + "; " + message
                    : message;
            target.setErrorMessage(text);
            target.setInvalid(true);
        });
    }

    void clear() {
        formError.setText("");
        fields.values().forEach(f -> f.setInvalid(false));
    }
}
