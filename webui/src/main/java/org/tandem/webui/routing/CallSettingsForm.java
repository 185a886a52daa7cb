package org.tandem.webui.routing;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.converter.Converter;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.webui.form.DraftForm;

/**
 * A user's call handling as one form, bound the same way where an admin sets it ({@link UserRoutingView}) and where the
 * user does (the portal): do-not-disturb, the three forwards, the ring time, "ring my mobile too", bound to
 * {@link CallSettingsDraft} by the names {@code RoutingDirectory.updateCallSettings} gives its errors.
 */
public final class CallSettingsForm {

    private CallSettingsForm() {}

    /**
     * The inputs every call-handling form has; a form binds the rest (busy policy, pickup group) itself. An error about
     * "ring my mobile" (no number to ring) shows under the mobile number.
     */
    public static DraftForm<CallSettingsDraft> of(
            String formErrorId,
            Checkbox dnd,
            DestinationField forwardAlways,
            DestinationField forwardBusy,
            DestinationField forwardNoAnswer,
            IntegerField noAnswerSeconds,
            TextField mobileNumber,
            Checkbox ringMobile) {
        DraftForm<CallSettingsDraft> form = DraftForm.of(CallSettingsDraft.class, formErrorId, null)
                .bind("dnd", dnd)
                .bind("forwardAlways", forwardAlways, destination(forwardAlways))
                .bind("forwardBusy", forwardBusy, destination(forwardBusy))
                .bind("forwardNoAnswer", forwardNoAnswer, destination(forwardNoAnswer))
                .bind("noAnswerSeconds", noAnswerSeconds)
                .bind("mobileNumber", mobileNumber, DraftForm.blankForNone())
                .bind("ringMobile", ringMobile);
        form.errors().bind("ringMobile", mobileNumber);
        return form;
    }

    /** The settings as a draft that keeps them, to show in the form. */
    public static CallSettingsDraft draft(CallSettings s) {
        return new CallSettingsDraft(
                s.dnd(),
                text(s.forwardAlways()),
                text(s.forwardBusy()),
                text(s.forwardNoAnswer()),
                s.noAnswerSeconds(),
                s.mobileNumber(),
                s.ringMobile(),
                s.busyWhen() == null ? null : s.busyWhen().name(),
                s.pickupGroup());
    }

    /** The text as the field shows it; none (null) when empty. */
    private static Converter<String, String> destination(DestinationField field) {
        return DraftForm.converter(v -> field.textOrNull(), v -> v);
    }

    private static String text(Object destination) {
        return destination == null ? null : destination.toString();
    }
}
