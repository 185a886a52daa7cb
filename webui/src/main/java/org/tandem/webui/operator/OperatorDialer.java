package org.tandem.webui.operator;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import org.tandem.pbx.clicktocall.ClickToCall;
import org.tandem.pbx.clicktocall.ClickToCallStatus;
import org.tandem.pbx.clicktocall.NoPhoneRegisteredException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Click-to-call from the operator panel (issue 15), by the same {@link ClickToCall} as the portal and {@code POST
 * /api/v1/calls}: the operator's own phone (<em>My phone</em>) rings first, showing whom it is about to call, and once
 * picked up calls the target itself (a REFER, RFC 3515) — a line's number (its <b>Call</b> button) or a number typed
 * here. A mistake is said at the field it concerns. Where the call stands shows beside the button: refreshed with each
 * change the board pushes, and once a second only while the call is being set up (Tandem's own call to the operator's
 * phone is not on the board); the page's poll interval is put back after.
 */
final class OperatorDialer extends HorizontalLayout {

    private final ClickToCall clickToCall;
    private final TextField myPhone;
    private final TextField number = new TextField(getTranslation("operator.dial"));
    private final Span state = new Span();
    private String current;
    private Registration polling;
    private int pollBefore;

    OperatorDialer(ClickToCall clickToCall, TextField myPhone) {
        this.clickToCall = clickToCall;
        this.myPhone = myPhone;
        number.setId("operator-dial");
        number.setHelperText(getTranslation("operator.dial.help"));
        number.addValueChangeListener(e -> number.setInvalid(false));
        Button call = new Button(getTranslation("operator.call"), e -> call(number.getValue(), true));
        call.setId("operator-dial-call");
        call.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        state.setId("operator-call-state");
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(number, call, state);
        addDetachListener(e -> stopPolling(e.getUI()));
    }

    /**
     * Rings the operator's phone, which then calls {@code to}.
     *
     * @param typed whether {@code to} was typed into this dialer's field (else it is a line's number)
     */
    void call(String to, boolean typed) {
        number.setInvalid(false);
        myPhone.setInvalid(false);
        String mine = myPhone.getValue().strip();
        if (mine.isEmpty()) {
            atMyPhone(getTranslation("operator.dial.my-phone-missing"));
            return;
        }
        try {
            ClickToCallStatus started = clickToCall.start(mine, to);
            current = started.id();
            show(started);
            pollWhileSettingUp(UI.getCurrent());
        } catch (InvalidInputException e) {
            String from = e.fieldErrors(getLocale()).get("from");
            String target = e.fieldErrors(getLocale()).get("to");
            if (from != null) atMyPhone(getTranslation("operator.dial.my-phone-wrong", from));
            if (target != null && typed) {
                number.setErrorMessage(target);
                number.setInvalid(true);
            } else if (target != null) {
                state.setText(getTranslation("operator.dial.cannot-call", to, target));
            }
        } catch (NoPhoneRegisteredException e) {
            atMyPhone(e.getMessage());
        }
    }

    private void atMyPhone(String error) {
        myPhone.setErrorMessage(error);
        myPhone.setInvalid(true);
        myPhone.focus();
    }

    /** Shows where the current call stands (on the UI's thread: after a pushed change of the board, or a poll). */
    void refresh() {
        if (current == null) return;
        var status = clickToCall.status(current);
        status.ifPresent(this::show);
        boolean settled = status.map(s ->
                        s.state() == ClickToCallStatus.State.CONNECTED || s.state() == ClickToCallStatus.State.FAILED)
                .orElse(true);
        if (settled) getUI().ifPresent(this::stopPolling);
    }

    private void pollWhileSettingUp(UI ui) {
        if (ui == null || polling != null) return;
        pollBefore = ui.getPollInterval();
        polling = ui.addPollListener(e -> refresh());
        if (pollBefore <= 0 || pollBefore > 1000) ui.setPollInterval(1000);
    }

    private void stopPolling(UI ui) {
        if (polling == null) return;
        polling.remove();
        polling = null;
        ui.setPollInterval(pollBefore);
    }

    private void show(ClickToCallStatus s) {
        state.setText(
                switch (s.state()) {
                    case RINGING -> getTranslation("operator.dial.ringing", s.from(), s.to());
                    case TRANSFERRING -> getTranslation("operator.dial.transferring", s.to());
                    case CONNECTED -> getTranslation("operator.dial.connected", s.to());
                    case FAILED -> getTranslation("operator.dial.failed", s.to(), s.detail());
                });
    }
}
