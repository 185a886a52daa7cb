package org.tandem.webui.prompts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tandem.media.Wav;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.webui.form.DraftForm;
import org.tandem.webui.form.ErrorLine;
import org.tandem.webui.form.LanguageField;
import org.tandem.webui.frame.Deletion;
import org.tandem.webui.frame.LimitedUpload;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * The prompts callers hear (voicemail, IVR, conference, park): listen to each, replace a shipped one with an own
 * recording (WAV, AIFF or AU; converted to 8 kHz mono), add own prompts (e.g. an IVR greeting) and go back to the
 * shipped one.
 */
@Route(value = "prompts", layout = MainLayout.class)
@PageName("Prompts")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class PromptsView extends VerticalLayout implements TranslatedTitle {

    private final Prompts prompts;
    private final boolean canChange;
    /** A prompt as listed: where it comes from is looked up once per refresh (a file check), not per sort or cell. */
    private record Row(String id, String source) {
        boolean uploaded() {
            return "own".equals(source) || "replaced".equals(source);
        }
    }

    /** The language whose set is shown, uploaded to and played (each language has its own uploads). */
    private Language language = Language.EN;

    private final Grid<Row> grid = new Grid<>();
    private List<Row> rows = List.of();
    private final Html player = new Html("<audio controls preload=\"none\"></audio>");
    private final TextField id = new TextField(getTranslation("prompts.prompt-id"));
    /** The recording being stored (between the upload and the service). */
    private byte[] uploaded;
    /** Under the upload: a file the service refuses ("file"), or one over the size limit. */
    private final ErrorLine uploadError = new ErrorLine("prompt-upload-error");
    /** The id typed, the file uploaded: what the service refuses about each shows at it. */
    private final DraftForm<PromptUpload> form;

    /** A recording for the prompt {@code id}, by the names {@link Prompts#upload} gives their errors. */
    private record PromptUpload(String id, byte[] file) {}

    public PromptsView(Prompts prompts, AuthenticationContext auth, UploadLimits limits) {
        this.prompts = prompts;
        this.canChange = auth.hasRole(Roles.ADMIN);
        form = DraftForm.of(PromptUpload.class, "prompt-form-error", null).bind("id", id, DraftForm.stripped());
        form.bindComposed("file", () -> uploaded, bytes -> {});
        form.errors().bind("file", uploadError);
        form.read(new PromptUpload("", null));
        player.setId("prompt-player");
        add(new H2(getTranslation("page.prompts")), new Paragraph(getTranslation("prompts.hint")), player);
        LanguageField languages = new LanguageField(getTranslation("prompts.language"));
        languages.setId("prompt-language");
        languages.setValue(language);
        languages.setHelperText(getTranslation("prompts.language.helper"));
        languages.addValueChangeListener(e -> {
            if (e.getValue() == null) return;
            language = e.getValue();
            refresh();
        });
        add(languages);
        if (canChange) add(uploadRow(limits));
        grid.setId("prompts-grid");
        grid.addColumn(Row::id)
                .setHeader(getTranslation("prompts.id"))
                .setWidth("16em")
                .setFlexGrow(0);
        grid.addColumn(r -> "own".equals(r.source())
                        ? getTranslation("prompts.own")
                        : "elsewhere".equals(r.source())
                                ? getTranslation("prompts.elsewhere")
                                : prompts.text(language, r.id()))
                .setHeader(getTranslation("prompts.words"))
                .setFlexGrow(1);
        grid.addColumn(r -> getTranslation("prompts.source." + r.source()))
                .setHeader(getTranslation("prompts.source"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> String.format(
                        "%.1f s", prompts.in(language).length(r.id()).toMillis() / 1000.0))
                .setHeader(getTranslation("prompts.length"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("").setWidth("13em").setFlexGrow(0);
        grid.setAllRowsVisible(false);
        grid.setHeight("60vh");
        refresh();
        add(grid);
        setSizeFull();
    }

    private Component uploadRow(UploadLimits limits) {
        id.setId("prompt-id");
        id.setHelperText(getTranslation("prompts.prompt-id.helper"));
        id.setWidth("22em");
        id.setValueChangeMode(ValueChangeMode.EAGER); // set before a file is picked
        Upload upload = new Upload();
        upload.setId("prompt-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".wav", ".aiff", ".aif", ".au", "audio/*");
        // tandem.uploads.prompt, enforced on the server: streamed to a temporary file, cut off at the limit
        LimitedUpload.on(
                upload,
                getTranslation("prompts.the-recording"),
                limits.prompt(),
                file -> {
                    store(Files.readAllBytes(file));
                    upload.clearFileList();
                },
                message -> {
                    form.errors().clear();
                    form.errors().show(Map.of("file", message));
                    upload.clearFileList();
                });
        VerticalLayout file =
                new VerticalLayout(upload, uploadError, form.errors().formError());
        file.setPadding(false);
        HorizontalLayout row = new HorizontalLayout(id, file);
        row.setAlignItems(Alignment.START);
        return row;
    }

    private void store(byte[] data) {
        uploaded = data;
        boolean saved = form.save(u -> prompts.upload(language, u.id(), u.file()));
        uploaded = null;
        if (!saved) return;
        String target = id.getValue().strip();
        Notification.show(getTranslation("prompts.saved", target, language.displayName()))
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
        rows.stream().filter(r -> r.id().equals(target)).findFirst().ifPresent(r -> {
            grid.select(r);
            grid.scrollToItem(r);
        });
    }

    private Component actions(Row row) {
        String prompt = row.id();
        Button play = new Button(getTranslation("prompts.play"), e -> {
            player.getElement()
                    .setAttribute(
                            "src",
                            DownloadHandler.fromInputStream(event -> new DownloadResponse(
                                            new ByteArrayInputStream(Wav.bytes(
                                                    prompts.in(language).get(prompt))),
                                            prompt + ".wav",
                                            "audio/wav",
                                            -1))
                                    .inline());
            player.getElement().executeJs("this.play()");
        });
        play.setId("play-" + prompt);
        play.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(play);
        if (canChange && row.uploaded()) {
            boolean replaced = "replaced".equals(row.source());
            Button back = new Button(
                    getTranslation(replaced ? "prompts.use-shipped" : "prompts.remove"),
                    e -> Deletion.confirm(
                            getTranslation(
                                    replaced ? "prompts.your-recording" : "prompts.prompt-named",
                                    prompt,
                                    language.displayName()),
                            prompts.usesIfRemoved(language, prompt),
                            () -> prompts.removeUpload(language, prompt),
                            this::refresh));
            back.setId("remove-" + prompt);
            back.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(back);
        }
        return actions;
    }

    private void refresh() {
        // the admin's own prompts first, then replaced ones, then the shipped set in its manifest order
        List<Row> all = new ArrayList<>();
        for (String p : prompts.ids(language)) {
            boolean shipped = prompts.text(language, p) != null;
            boolean uploaded = prompts.isUploaded(language, p);
            all.add(new Row(p, shipped ? (uploaded ? "replaced" : "shipped") : uploaded ? "own" : "elsewhere"));
        }
        List<String> order = List.of("own", "replaced", "elsewhere", "shipped");
        all.sort(Comparator.comparingInt(r -> order.indexOf(r.source())));
        rows = all;
        grid.setItems(all);
    }
}
