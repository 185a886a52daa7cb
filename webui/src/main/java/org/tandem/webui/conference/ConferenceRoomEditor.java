package org.tandem.webui.conference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Map;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.conference.ConferenceRoomDraft;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.webui.form.FieldErrors;
import org.tandem.webui.frame.Deletion;

/** Create or edit one conference room; the PIN is never shown (empty keeps it, "Remove PIN" drops it). */
final class ConferenceRoomEditor extends Dialog {

    private final TextField number = new TextField(getTranslation("conference.number"));
    private final TextField name = new TextField(getTranslation("conference.name"));
    private final PasswordField pin = new PasswordField(getTranslation("conference.pin"));
    private final Checkbox removePin = new Checkbox(getTranslation("conference.remove-pin"));
    private final IntegerField max = new IntegerField(getTranslation("conference.max"));
    private final Checkbox record = new Checkbox(getTranslation("conference.record"));
    private final Checkbox locked = new Checkbox(getTranslation("conference.lock"));
    private final Checkbox announce = new Checkbox(getTranslation("conference.announce"));
    private final org.tandem.webui.form.LanguageField language =
            org.tandem.webui.form.LanguageField.optional(getTranslation("conference.language"), "room-language");
    private final FieldErrors errors = new FieldErrors("room-form-error");

    ConferenceRoomEditor(ConferenceRooms rooms, ConferenceRoom existing, boolean canChange, Runnable changed) {
        boolean creating = existing == null;
        setHeaderTitle(creating ? getTranslation("conference.new") : getTranslation("conference.room", existing.number()));
        number.setId("room-number");
        number.setHelperText(getTranslation("conference.number.help"));
        number.setReadOnly(!creating);
        name.setId("room-name");
        pin.setId("room-pin");
        pin.setHelperText(getTranslation(creating ? "conference.pin.help.new"
                : existing.hasPin() ? "conference.pin.help.set" : "conference.pin.help.none"));
        removePin.setId("room-remove-pin");
        removePin.setVisible(!creating && existing.hasPin());
        max.setId("room-max");
        record.setId("room-record");
        locked.setId("room-locked");
        announce.setId("room-announce");
        errors.bind("number", number).bind("name", name).bind("pin", pin).bind("maxParticipants", max)
                .bind("language", language);
        if (creating) {
            max.setValue(20);
            announce.setValue(true);
        } else {
            number.setValue(existing.number());
            name.setValue(existing.name());
            max.setValue(existing.maxParticipants());
            record.setValue(existing.record());
            locked.setValue(existing.locked());
            announce.setValue(existing.announceJoinLeave());
            language.setCode(existing.language());
        }
        FormLayout form = new FormLayout(number, name, pin, max, removePin, language, record, locked, announce);
        form.setMaxWidth("40em");
        add(form, errors.formError());
        for (var f : new com.vaadin.flow.component.HasValue<?, ?>[] {number, name, pin, removePin, max, language, record, locked,
                announce}) {
            f.setReadOnly(f.isReadOnly() || !canChange);
        }
        Button close = new Button(getTranslation("conference.close"), e -> close());
        getFooter().add(close);
        if (canChange) {
            if (!creating) {
                getFooter().add(Deletion.editorButton(this, getTranslation("conference.delete"),
                        "delete-conference-room", getTranslation("conference.room", existing.number()),
                        () -> rooms.usesOf(existing.number()),
                        () -> rooms.delete(existing.number()), changed));
            }
            Button save = new Button(getTranslation("conference.save"), e -> save(rooms, creating, changed));
            save.setId("save-conference-room");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
        }
    }

    private void save(ConferenceRooms rooms, boolean creating, Runnable changed) {
        errors.clear();
        String newPin = removePin.getValue() ? "" : pin.getValue().isEmpty() ? (creating ? "" : null) : pin.getValue();
        ConferenceRoomDraft draft = new ConferenceRoomDraft(number.getValue().strip(), name.getValue(), newPin,
                max.getValue(), record.getValue(), locked.getValue(), announce.getValue(), language.code());
        try {
            if (creating) {
                rooms.create(draft);
            } else {
                rooms.update(draft.number(), draft);
            }
            Notification.show(getTranslation("conference.saved", draft.number())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.run();
            close();
        } catch (InvalidInputException x) {
            errors.show(x);
        } catch (DuplicateException x) {
            errors.show(Map.of("number", x.text(getLocale())));
        }
    }
}
