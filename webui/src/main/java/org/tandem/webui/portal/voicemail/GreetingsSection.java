package org.tandem.webui.portal.voicemail;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.upload.Upload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tandem.media.Wav;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.prompt.PromptAudio;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.voicemail.Greeting;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailGreetings;
import org.tandem.webui.frame.LimitedUpload;

/**
 * The portal's greetings: which one callers hear (automatic, or always the unavailable / busy recording), and an
 * upload per recording (WAV, AIFF or AU; converted to 8 kHz mono), or removing it. Recording by phone: *97, 0.
 */
final class GreetingsSection extends VerticalLayout {

    GreetingsSection(String box, VoicemailBoxes boxes, VoicemailGreetings greetings, UploadLimits limits) {
        RadioButtonGroup<Greeting> choice = new RadioButtonGroup<>(getTranslation("portal.vm.greeting.choice"));
        choice.setId("vm-greeting");
        choice.setItems(Greeting.values());
        choice.setItemLabelGenerator(g -> switch (g) {
            case DEFAULT -> getTranslation("portal.vm.greeting.default");
            case UNAVAILABLE -> getTranslation("portal.vm.greeting.unavailable");
            case BUSY -> getTranslation("portal.vm.greeting.busy");
        });
        choice.setValue(boxes.find(box).orElseThrow().greeting());
        choice.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                boxes.update(
                        box,
                        new VoicemailBoxDraft(null, null, null, e.getValue().name(), null, null));
                Notification.show(getTranslation("portal.vm.greeting.saved"))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            }
        });
        add(
                new H4(getTranslation("portal.vm.greetings")),
                choice,
                recording(
                        box,
                        greetings,
                        Greeting.UNAVAILABLE,
                        getTranslation("portal.vm.greeting.unavailable-label"),
                        limits),
                recording(box, greetings, Greeting.BUSY, getTranslation("portal.vm.greeting.busy-label"), limits));
    }

    private HorizontalLayout recording(
            String box, VoicemailGreetings greetings, Greeting kind, String label, UploadLimits limits) {
        String key = kind.name().toLowerCase(Locale.ROOT);
        Span state = new Span();
        state.setId("vm-greeting-" + key + "-state");
        Span error = new Span();
        error.setId("vm-greeting-" + key + "-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Runnable show = () -> state.setText(label + ": "
                + getTranslation(
                        greetings.file(box, kind).isPresent()
                                ? "portal.vm.greeting.recorded"
                                : "portal.vm.greeting.none"));
        show.run();
        Upload upload = new Upload();
        upload.setId("vm-greeting-" + key + "-upload");
        upload.setMaxFiles(1);
        // tandem.uploads.greeting, enforced on the server: streamed to a temporary file, cut off at the limit
        LimitedUpload.on(
                upload,
                "The recording",
                limits.greeting(),
                file -> {
                    error.setText("");
                    try {
                        Path tmp = Files.createTempFile("greeting-", ".wav");
                        try {
                            Files.write(tmp, Wav.bytes(PromptAudio.toEngineFormat(Files.readAllBytes(file))));
                            greetings.save(box, kind, tmp);
                        } finally {
                            Files.deleteIfExists(tmp);
                        }
                        show.run();
                        Notification.show(getTranslation("portal.vm.greeting.label-saved", label))
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } catch (InvalidInputException e) {
                        error.setText(e.fieldErrors(getLocale()).getOrDefault("file", "The file is not accepted"));
                    }
                    upload.clearFileList();
                },
                message -> {
                    error.setText(message);
                    upload.clearFileList();
                });
        Button remove = new Button(getTranslation("portal.vm.remove"), e -> {
            greetings.remove(box, kind);
            show.run();
        });
        remove.setId("vm-greeting-" + key + "-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        HorizontalLayout row = new HorizontalLayout(state, upload, remove, error);
        row.setAlignItems(Alignment.CENTER);
        return row;
    }
}
