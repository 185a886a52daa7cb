package org.tandem.webui.portal.voicemail;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.InputStreamDownloadHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.voicemail.Folder;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailGreetings;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailStore;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.frame.Deletion;

/**
 * The user's own voicemail in the portal: new and saved messages (play in the browser, download, save, delete),
 * the greetings ({@link GreetingsSection}), the PIN and the e-mail options. Only the logged-in user's box: every
 * message is looked up in that box, and the audio is served by handlers bound to this user's UI session. Playing a
 * message does not change it: it stays new until saved or deleted, as on the phone.
 */
public class PortalVoicemail extends VerticalLayout {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm"); // the appliance\'s zone (issue 17)

    private final String box;
    private final VoicemailStore store;
    private final Grid<VoicemailMessage> messages = new Grid<>(VoicemailMessage.class, false);
    private final Html player = new Html("<audio controls preload=\"none\"></audio>");

    public PortalVoicemail(
            String box, VoicemailBoxes boxes, VoicemailStore store, VoicemailGreetings greetings, UploadLimits limits) {
        this.box = box;
        this.store = store;
        player.setId("vm-player");
        messages.setId("vm-messages");
        messages.addColumn(m -> TIME.format(m.receivedAt()))
                .setHeader(getTranslation("portal.vm.when"))
                .setAutoWidth(true);
        messages.addColumn(PortalVoicemail::from)
                .setHeader(getTranslation("portal.calls.from"))
                .setAutoWidth(true);
        messages.addColumn(m -> m.duration().toSeconds() + " s")
                .setHeader(getTranslation("portal.vm.length"))
                .setAutoWidth(true);
        messages.addColumn(m -> getTranslation(m.folder() == Folder.NEW ? "portal.vm.new" : "portal.vm.saved"))
                .setHeader("")
                .setAutoWidth(true);
        messages.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        messages.setAllRowsVisible(true);
        refresh();
        add(player, messages);
        add(new GreetingsSection(box, boxes, greetings, limits));
        add(pinAndEmail(boxes));
    }

    private static String from(VoicemailMessage m) {
        if (m.caller() == null) return m.callerName() == null ? "unknown" : m.callerName();
        return m.callerName() == null ? m.caller() : m.callerName() + " <" + m.caller() + ">";
    }

    private Component actions(VoicemailMessage m) {
        String id = m.id();
        Button play = new Button(getTranslation("portal.vm.play"), e -> {
            player.getElement().setAttribute("src", audio(id).inline());
            player.getElement().executeJs("this.play()");
            // heard is no longer new, as after the phone's voicemail menu plays it (the lamp goes out with the last)
            if (m.folder() == Folder.NEW) {
                store.move(own(id).id(), Folder.SAVED);
                refresh();
            }
        });
        play.setId("vm-play-" + id);
        Anchor download = new Anchor();
        download.setHref(audio(id), AttachmentType.DOWNLOAD);
        download.setText(getTranslation("portal.vm.download"));
        download.setId("vm-download-" + id);
        Button save = new Button(getTranslation("portal.save"), e -> {
            store.move(own(id).id(), Folder.SAVED);
            refresh();
        });
        save.setId("vm-save-" + id);
        save.setVisible(m.folder() == Folder.NEW);
        Button delete = new Button(
                getTranslation("portal.vm.delete"),
                e -> Deletion.confirm(
                        getTranslation("portal.vm.the-message-from", from(m)),
                        () -> store.delete(own(id).id()),
                        this::refresh));
        delete.setId("vm-delete-" + id);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button b : new Button[] {play, save, delete})
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(play, download, save, delete);
    }

    /** The message {@code id} of THIS box; anything else (another box's id) is refused. */
    private VoicemailMessage own(String id) {
        return store.find(id)
                .filter(m -> m.box().equals(box))
                .orElseThrow(() -> new IllegalArgumentException("No message " + id + " in box " + box));
    }

    /** The message's WAV, to this session only; 404 for a message that is gone or not this box's. */
    private InputStreamDownloadHandler audio(String id) {
        return DownloadHandler.fromInputStream(event -> {
            VoicemailMessage m = store.find(id).filter(x -> x.box().equals(box)).orElse(null);
            Path file = m == null ? null : store.audio(id).orElse(null);
            if (file == null) return DownloadResponse.error(404, "No such message");
            try {
                return new DownloadResponse(
                        Files.newInputStream(file),
                        "voicemail-"
                                + TIME.format(m.receivedAt()).replace(' ', '-').replace(":", "") + ".wav",
                        "audio/wav",
                        Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void refresh() {
        messages.setItems(store.list(box, null));
    }

    /** The user's new PIN as {@link VoicemailBoxes#setPin} takes it, by the name of its error. */
    private record PinChange(String pin) {}

    private Component pinAndEmail(VoicemailBoxes boxes) {
        PasswordField pin = new PasswordField(getTranslation("portal.vm.pin"));
        pin.setId("vm-pin");
        pin.setHelperText(getTranslation("portal.vm.pin.help"));
        DraftForm<PinChange> pinForm =
                DraftForm.of(PinChange.class, "vm-pin-error", null).bind("pin", pin);
        pinForm.read(new PinChange(""));
        Button change = new Button(getTranslation("portal.vm.change-pin"), e -> {
            if (!pinForm.save(c -> boxes.setPin(box, c.pin()))) return;
            pinForm.read(new PinChange(""));
            Notification.show(getTranslation("portal.vm.pin.changed"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        change.setId("vm-change-pin");
        var current = boxes.find(box).orElseThrow();
        Checkbox email = new Checkbox(getTranslation("portal.vm.email"), current.emailNotify());
        email.setId("vm-email");
        Checkbox deleteAfter = new Checkbox(getTranslation("portal.vm.delete-after-email"), current.deleteAfterEmail());
        deleteAfter.setId("vm-delete-after-email");
        Checkbox skipPin = new Checkbox(getTranslation("portal.vm.skip-pin"), current.pinSkipOwnPhone());
        skipPin.setId("vm-skip-pin");
        Button saveOptions = new Button(getTranslation("portal.vm.save-options"), e -> {
            boxes.update(
                    box,
                    new VoicemailBoxDraft(
                            null, null, null, null, email.getValue(), deleteAfter.getValue(), skipPin.getValue()));
            Notification.show(getTranslation("portal.vm.options-saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        saveOptions.setId("vm-save-options");
        HorizontalLayout pinRow = new HorizontalLayout(pin, change);
        pinRow.setAlignItems(Alignment.BASELINE);
        return new VerticalLayout(
                new H4(getTranslation("portal.vm.pin-and-email")),
                pinRow,
                pinForm.errors().formError(),
                email,
                deleteAfter,
                skipPin,
                saveOptions);
    }
}
