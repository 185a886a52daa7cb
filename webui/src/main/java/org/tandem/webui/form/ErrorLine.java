package org.tandem.webui.form;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Span;

/**
 * A line of error text under a group of inputs that is no single field (a phone's lines, its keys), so that
 * {@link FieldErrors} can place a service's error there as it places one under a field: invalid shows the message,
 * valid empties the line.
 */
public final class ErrorLine extends Span implements HasValidation {

    private String message = "";
    private boolean invalid;

    public ErrorLine(String id) {
        setId(id);
        getStyle().set("color", "var(--lumo-error-text-color)");
    }

    @Override
    public void setErrorMessage(String errorMessage) {
        message = errorMessage == null ? "" : errorMessage;
        if (invalid) setText(message);
    }

    @Override
    public String getErrorMessage() {
        return message;
    }

    @Override
    public void setInvalid(boolean invalid) {
        this.invalid = invalid;
        setText(invalid ? message : "");
    }

    @Override
    public boolean isInvalid() {
        return invalid;
    }
}
