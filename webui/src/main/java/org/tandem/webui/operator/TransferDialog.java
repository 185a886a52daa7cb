package org.tandem.webui.operator;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
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
    private final TextField target = new TextField("To extension, park orbit or number");
    private final Checkbox voicemail = new Checkbox("To that extension's voicemail");
    private String line;
    private LineCall call;

    TransferDialog(CallControl calls) {
        this.calls = calls;
        target.setId("transfer-target");
        voicemail.setId("transfer-voicemail");
        Button go = new Button("Transfer", e -> go());
        go.setId("transfer-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("transfer-cancel");
        add(new com.vaadin.flow.component.orderedlayout.VerticalLayout(target, voicemail));
        getFooter().add(cancel, go);
    }

    private boolean ringing() {
        return call != null && "ringing".equals(call.state());
    }

    void ask(String line, LineCall call) {
        this.line = line;
        this.call = call;
        setHeaderTitle((ringing() ? "Send the call from " : "Transfer ") + call.party() + " (on " + line + ")");
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
            target.setErrorMessage(toVoicemail ? "the extension whose voicemail takes the call" : "digits, *, # or +");
            target.setInvalid(true);
            return;
        }
        UI ui = UI.getCurrent();
        close();
        LineCall c = call;
        if (c == null) return;
        if (ringing()) {
            calls.deflect(c.callId(), line, toVoicemail ? "voicemail:" + to : to).orTimeout(10, TimeUnit.SECONDS)
                    .whenComplete((status, failure) -> ui.access(() -> say(failure != null
                            ? "Could not send the call on: " + failure.getMessage()
                            : status == 200 ? "Sent " + c.party() + " to " + (toVoicemail ? to + "'s voicemail" : to)
                            : status == 403 ? "Calls from " + line + " may not go to " + to + "; it rings on"
                            : status == 404 ? "No " + to + " to send it to, or it stopped ringing"
                            : "Refused (" + status + "); the call rings on")));
            return;
        }
        calls.transfer(c.callId(), c.incoming(), toVoicemail ? "voicemail:" + to : to).orTimeout(40, TimeUnit.SECONDS)
                .whenComplete((status, failure) -> ui.access(() -> say(failure != null
                        ? "Could not transfer: " + failure.getMessage()
                        : status == 404 ? "That call had ended already"
                        : status >= 300 ? "The phone refused the transfer (" + status + "); the call goes on"
                        : "Transferred " + c.party() + " to " + (toVoicemail ? to + "'s voicemail" : to))));
    }

    static void say(String text) {
        Notification.show(text, 5000, Notification.Position.BOTTOM_START);
    }
}
