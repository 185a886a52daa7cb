package org.tandem.webui.operator;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.concurrent.TimeUnit;
import org.tandem.pbx.presence.LineStates.LineCall;
import org.tandem.pbx.proxy.CallControl;

/**
 * The operator's transfer of one line's call. An answered call: the other party is asked to call the number (a blind
 * transfer, RFC 3515), or the leave-a-message code and the box for someone's voicemail: the caller when the line was
 * called, the callee when it called. A ringing call (nobody answered
 * yet): it goes to the number, or to that extension's voicemail, instead of ringing on (as a forward would). One dialog
 * lives in the view from the start (not in a grid cell a pushed refresh may replace while it opens), filled per use.
 */
final class TransferDialog extends Dialog {

    private final CallControl calls;
    private final TextField target = new TextField(getTranslation("operator.transfer.target"));
    private final Checkbox voicemail = new Checkbox(getTranslation("operator.transfer.voicemail"));
    private String line;
    private LineCall call;

    TransferDialog(CallControl calls) {
        this.calls = calls;
        target.setId("transfer-target");
        voicemail.setId("transfer-voicemail");
        Button go = new Button(getTranslation("operator.transfer.go"), e -> go());
        go.setId("transfer-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("operator.transfer.cancel"), e -> close());
        cancel.setId("transfer-cancel");
        add(new VerticalLayout(target, voicemail));
        getFooter().add(cancel, go);
    }

    private boolean ringing() {
        return call != null && "ringing".equals(call.state());
    }

    void ask(String line, LineCall call) {
        this.line = line;
        this.call = call;
        setHeaderTitle(getTranslation(
                ringing() ? "operator.transfer.send-title" : "operator.transfer.title", call.party(), line));
        target.clear();
        target.setInvalid(false);
        voicemail.setValue(false);
        open();
        target.focus();
    }

    private void go() {
        String to = target.getValue().strip();
        boolean toVoicemail = voicemail.getValue();
        if (!to.matches(toVoicemail ? "[0-9]{1,32}" : "[0-9*#+]{1,32}")) {
            target.setErrorMessage(getTranslation(
                    toVoicemail ? "operator.transfer.voicemail-error" : "operator.transfer.target-error"));
            target.setInvalid(true);
            return;
        }
        UI ui = UI.getCurrent();
        close();
        LineCall c = call;
        if (c == null) return;
        if (ringing()) {
            calls.deflect(c.callId(), line, toVoicemail ? "voicemail:" + to : to)
                    .orTimeout(10, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> say(
                            failure != null
                                    ? getTranslation("operator.send.failed", failure.getMessage())
                                    : status == 200
                                            ? getTranslation(
                                                    toVoicemail ? "operator.send.sent-voicemail" : "operator.send.sent",
                                                    c.party(),
                                                    to)
                                            : status == 403
                                                    ? getTranslation("operator.send.forbidden", line, to)
                                                    : status == 404
                                                            ? getTranslation("operator.send.not-found", to)
                                                            : getTranslation("operator.send.refused", status))));
            return;
        }
        calls.transfer(c.callId(), c.incoming(), toVoicemail ? "voicemail:" + to : to)
                .orTimeout(40, TimeUnit.SECONDS)
                .whenComplete((status, failure) -> ui.access(() -> say(
                        failure != null
                                ? getTranslation("operator.transfer.failed", failure.getMessage())
                                : status == 404
                                        ? getTranslation("operator.call-ended")
                                        : status >= 300
                                                ? getTranslation("operator.transfer.refused", status)
                                                : getTranslation(
                                                        toVoicemail
                                                                ? "operator.transfer.done-voicemail"
                                                                : "operator.transfer.done",
                                                        c.party(),
                                                        to))));
    }

    static void say(String text) {
        Notification.show(text, 5000, Notification.Position.BOTTOM_START);
    }
}
