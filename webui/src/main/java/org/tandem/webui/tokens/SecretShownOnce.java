package org.tandem.webui.tokens;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The one time a new token's secret is seen (id {@code token-created}): the token in a read-only field
 * ({@code token-secret}) with a copy button ({@code token-copy}), and the warning that it will not be shown again.
 * Closing it ({@code token-close}) drops the secret from the page.
 */
final class SecretShownOnce extends Dialog {

    SecretShownOnce(ApiTokenAdmin.Created created) {
        setId("token-created");
        setHeaderTitle(getTranslation("tokens.created-title", created.token().name()));
        setCloseOnOutsideClick(false);
        setWidth("min(44em, 95vw)");
        Paragraph warning = new Paragraph(getTranslation("tokens.warning"));
        warning.setId("token-warning");
        warning.getStyle().set("font-weight", "600");
        TextField secret = new TextField(getTranslation("tokens.token"));
        secret.setId("token-secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        Button copy = new Button(getTranslation("tokens.copy"), VaadinIcon.COPY.create());
        copy.setId("token-copy");
        // in the browser, in the click itself: a clipboard write needs the person's gesture. navigator.clipboard
        // exists on https (and localhost) only; over plain http the field's text is selected and copied instead
        copy.getElement()
                .executeJs(
                        "const field = $0; this.addEventListener('click', () => {"
                                + " if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(field.value); }"
                                + " else { field.inputElement.select(); document.execCommand('copy'); } })",
                        secret.getElement());
        copy.addClickListener(
                e -> Notification.show(getTranslation("tokens.copied"), 3000, Notification.Position.BOTTOM_START));
        HorizontalLayout row = new HorizontalLayout(secret, copy);
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.expand(secret);
        Paragraph use =
                new Paragraph(getTranslation("tokens.use-it", created.secret().substring(0, 8)));
        add(warning, row, use);
        Button close = new Button(getTranslation("tokens.copied-close"), e -> {
            secret.clear();
            close();
        });
        close.setId("token-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
    }
}
