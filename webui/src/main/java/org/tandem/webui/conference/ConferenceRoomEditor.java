package org.tandem.webui.conference;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.conference.ConferenceRoomDraft;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.webui.form.EditorDialog;
import org.tandem.webui.form.LanguageField;
import org.tandem.webui.frame.Deletion;

/** Create or edit one conference room; the PIN is never shown (empty keeps it, "Remove PIN" drops it). */
final class ConferenceRoomEditor extends EditorDialog<ConferenceRoomDraft> {

    private final TextField number = new TextField(getTranslation("conference.number"));
    private final TextField name = new TextField(getTranslation("conference.name"));
    private final PasswordField pin = new PasswordField(getTranslation("conference.pin"));
    private final Checkbox removePin = new Checkbox(getTranslation("conference.remove-pin"));
    private final IntegerField max = new IntegerField(getTranslation("conference.max"));
    private final Checkbox record = new Checkbox(getTranslation("conference.record"));
    private final Checkbox locked = new Checkbox(getTranslation("conference.lock"));
    private final Checkbox announce = new Checkbox(getTranslation("conference.announce"));
    private final LanguageField language =
            LanguageField.optional(getTranslation("conference.language"), "room-language");

    ConferenceRoomEditor(ConferenceRooms rooms, ConferenceRoom existing, boolean canChange, Runnable changed) {
        super(ConferenceRoomDraft.class, "room-form-error", "number");
        boolean creating = existing == null;
        setHeaderTitle(
                creating ? getTranslation("conference.new") : getTranslation("conference.room", existing.number()));
        number.setId("room-number");
        number.setHelperText(getTranslation("conference.number.help"));
        number.setReadOnly(!creating);
        name.setId("room-name");
        pin.setId("room-pin");
        pin.setHelperText(getTranslation(
                creating
                        ? "conference.pin.help.new"
                        : existing.hasPin() ? "conference.pin.help.set" : "conference.pin.help.none"));
        removePin.setId("room-remove-pin");
        removePin.setVisible(!creating && existing.hasPin());
        removePin.setReadOnly(!canChange);
        max.setId("room-max");
        record.setId("room-record");
        locked.setId("room-locked");
        announce.setId("room-announce");
        bind("number", number, stripped());
        bind("name", name);
        // the PIN is never shown: empty keeps the stored one (null), "Remove PIN" drops it ("")
        bind("pin", pin, converter(p -> removePin.getValue() ? "" : p.isEmpty() ? (creating ? "" : null) : p, p -> ""));
        bind("maxParticipants", max);
        bind("record", record);
        bind("locked", locked);
        bind("announceJoinLeave", announce);
        bind("language", language, languageCode());
        read(
                creating
                        ? new ConferenceRoomDraft("", "", null, 20, false, false, true, "")
                        : new ConferenceRoomDraft(
                                existing.number(),
                                existing.name(),
                                null,
                                existing.maxParticipants(),
                                existing.record(),
                                existing.locked(),
                                existing.announceJoinLeave(),
                                existing.language()));
        FormLayout form = new FormLayout(number, name, pin, max, removePin, language, record, locked, announce);
        form.setMaxWidth("40em");
        add(form, errors.formError());
        readOnlyUnless(canChange);
        getFooter().add(new Button(getTranslation("conference.close"), e -> close()));
        if (!canChange) return;
        if (!creating) {
            getFooter()
                    .add(Deletion.editorButton(
                            this,
                            getTranslation("conference.delete"),
                            "delete-conference-room",
                            getTranslation("conference.room", existing.number()),
                            () -> rooms.usesOf(existing.number()),
                            () -> rooms.delete(existing.number()),
                            changed));
        }
        addSaveButton(
                getTranslation("conference.save"),
                "save-conference-room",
                () -> save(
                        draft -> {
                            if (creating) rooms.create(draft);
                            else rooms.update(draft.number(), draft);
                        },
                        draft -> getTranslation("conference.saved", draft.number()),
                        changed));
    }
}
