package org.tandem.webui.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.Optional;
import org.tandem.pbx.clicktocall.ClickToCall;
import org.tandem.pbx.clicktocall.ClickToCallStatus;
import org.tandem.pbx.clicktocall.NoPhoneRegisteredException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Click-to-call in the portal (issue 15): the user types a number, Tandem rings the user's own desk phone or
 * softphone and, once it is picked up, that phone calls the number. What happens is shown under the button, polled
 * once a second while a call is being set up.
 */
final class PortalClickToCall extends VerticalLayout {

    private final ClickToCall clickToCall;
    private final String extension;
    private final TextField number = new TextField();
    private final Span state = new Span();
    private String current;
    private Registration polling;

    PortalClickToCall(ClickToCall clickToCall, String extension) {
        this.clickToCall = clickToCall;
        this.extension = extension;
        setPadding(false);
        number.setId("c2c-number");
        number.setLabel(getTranslation("portal.c2c.number"));
        number.setHelperText(getTranslation("portal.c2c.number.help"));
        Button call = new Button(getTranslation("portal.c2c.call"), e -> start());
        call.setId("c2c-call");
        call.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        state.setId("c2c-state");
        HorizontalLayout row = new HorizontalLayout(number, call);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new Paragraph(getTranslation("portal.c2c.intro")), row, state);
    }

    private void start() {
        number.setInvalid(false);
        try {
            current = clickToCall.start(extension, number.getValue()).id();
            show(clickToCall.status(current).orElseThrow());
            getUI().ifPresent(ui -> {
                ui.setPollInterval(1000);
                if (polling == null) polling = ui.addPollListener(e -> refresh(ui));
            });
        } catch (InvalidInputException e) {
            number.setErrorMessage(e.fieldErrors(getLocale())
                    .getOrDefault(
                            "to", String.join("; ", e.fieldErrors(getLocale()).values())));
            number.setInvalid(true);
        } catch (NoPhoneRegisteredException e) {
            number.setErrorMessage(e.getMessage());
            number.setInvalid(true);
        }
    }

    private void refresh(UI ui) {
        var status = current == null ? Optional.<ClickToCallStatus>empty() : clickToCall.status(current);
        status.ifPresent(this::show);
        boolean settled = status.map(s ->
                        s.state() == ClickToCallStatus.State.CONNECTED || s.state() == ClickToCallStatus.State.FAILED)
                .orElse(true);
        if (settled) {
            ui.setPollInterval(-1);
            if (polling != null) polling.remove();
            polling = null;
        }
    }

    private void show(ClickToCallStatus s) {
        state.setText(
                switch (s.state()) {
                    case RINGING -> getTranslation("portal.c2c.ringing", s.to());
                    case TRANSFERRING -> getTranslation("portal.c2c.transferring", s.to());
                    case CONNECTED -> getTranslation("portal.c2c.connected", s.to());
                    case FAILED -> getTranslation("portal.c2c.failed", s.detail());
                });
    }
}
