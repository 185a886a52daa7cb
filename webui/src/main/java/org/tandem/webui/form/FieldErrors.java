package org.tandem.webui.form;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Shows a service's field errors ({@link InvalidInputException#fieldErrors()}) under the fields they name, the one
 * way every form of the web UI does it: the service checks, the form only places the sentences. Several errors of
 * one field are shown together; an error for a field not on the form goes to one line under the form, with the
 * field's name.
 */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Span formError = new Span();
    private Function<String, String> mapping = Function.identity();

    /** @param formErrorId the id of the line under the form */
    public FieldErrors(String formErrorId) {
        formError.setId(formErrorId);
        formError.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    /** Routes errors named {@code name} (as the service names the field) to {@code field}. */
    public FieldErrors bind(String name, HasValidation field) {
        fields.put(name, field);
        return this;
    }

    public void unbind(String name) {
        HasValidation f = fields.remove(name);
        if (f != null) f.setInvalid(false);
    }

    /**
     * Maps a service's field name to the name a field was bound with before the lookup, e.g. every
     * {@code weekly[2].opens} to the one {@code open} field that edits the whole week.
     */
    public FieldErrors mapping(Function<String, String> mapping) {
        this.mapping = mapping;
        return this;
    }

    /** The line under the form (add it to the form once). */
    public Span formError() {
        return formError;
    }

    public void clear() {
        formError.setText("");
        fields.values().forEach(f -> f.setInvalid(false));
    }

    /** The service's errors in the UI's language (English without a UI, e.g. in a unit test). */
    public void show(InvalidInputException x) {
        UI ui = UI.getCurrent();
        show(x.fieldErrors(ui == null ? Locale.ENGLISH : ui.getLocale()));
    }

    public void show(Map<String, String> errors) {
        Map<HasValidation, String> perField = new LinkedHashMap<>();
        StringBuilder rest = new StringBuilder();
        errors.forEach((name, message) -> {
            HasValidation f = fields.get(mapping.apply(name));
            if (f == null) {
                rest.append(rest.isEmpty() ? "" : "; ").append(name).append(' ').append(message);
            } else {
                perField.merge(f, message, (a, b) -> a + "; " + b);
            }
        });
        perField.forEach((f, message) -> {
            f.setErrorMessage(message);
            f.setInvalid(true);
        });
        formError.setText(rest.toString());
    }

    /** A message that belongs to no field (e.g. "already exists"). */
    public void showForm(String message) {
        formError.setText(message);
    }
}
