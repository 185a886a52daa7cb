package org.tandem.webui.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.directory.UserImport;
import org.tandem.webui.frame.LimitedUpload;

/**
 * Bulk import from a CSV file: every bad row and field is listed and nothing is imported until the file
 * is right (all or nothing); after an import the generated SIP passwords can be downloaded once.
 */
class UserImportDialog extends Dialog {

    private final UserImport imports;
    private final Runnable onImported;
    private final Div result = new Div();

    UserImportDialog(UserImport imports, UploadLimits limits, Runnable onImported) {
        this.imports = imports;
        this.onImported = onImported;
        setHeaderTitle(getTranslation("users.import.title"));
        setWidth("40em");
        Paragraph help = new Paragraph(getTranslation("users.import.help"));
        Upload upload = new Upload();
        // tandem.uploads.user-import, enforced on the server: streamed to a temporary file, cut off at the limit
        LimitedUpload.on(
                upload,
                getTranslation("users.import.what"),
                limits.userImport(),
                file -> {
                    show(Files.readString(file, StandardCharsets.UTF_8));
                    upload.clearFileList(); // ready for the corrected file
                },
                message -> {
                    result.removeAll();
                    Paragraph summary = new Paragraph(getTranslation("users.import.refused", message));
                    summary.setId("import-summary");
                    result.add(summary);
                    upload.clearFileList();
                });
        upload.setId("import-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv");
        result.setId("import-result");
        Button close = new Button(getTranslation("users.import.close"), e -> close());
        close.setId("import-close");
        getFooter().add(close);
        add(help, upload, result);
    }

    /** The one-time link, once used, replaced by a note that it is spent and what to do without the file. */
    private void spent(Anchor passwords) {
        if (passwords.getParent().isEmpty()) return;
        Paragraph note = new Paragraph(getTranslation("users.import.spent"));
        note.setId("import-passwords-spent");
        result.replace(passwords, note);
    }

    private void show(String csv) {
        result.removeAll();
        try {
            UserImport.Result r = imports.importCsv(csv);
            Paragraph done = new Paragraph(getTranslation(
                    r.created() == 1 ? "users.import.done.one" : "users.import.done.many",
                    Integer.toString(r.created())));
            done.setId("import-summary");
            result.add(done);
            if (!r.generated().isEmpty()) {
                // handed out once: the first download clears it, and the link gives way to a note saying so (issue
                // 17, defect 12: a link that stays clickable promises a second copy that does not exist)
                AtomicReference<String> once = new AtomicReference<>(r.generatedCsv());
                String gone = getTranslation("users.import.passwords-gone"); // the download runs outside the UI
                Anchor passwords = new Anchor();
                passwords.setHref(
                        (DownloadHandler) event -> {
                            String body = once.getAndSet(null);
                            event.setFileName("generated-sip-passwords.csv");
                            event.setContentType("text/csv; charset=UTF-8");
                            event.getOutputStream()
                                    .write((body == null ? gone + "\r\n" : body).getBytes(StandardCharsets.UTF_8));
                            event.getUI().access(() -> spent(passwords)); // pushed to the page (AppShell's @Push)
                        },
                        AttachmentType.DOWNLOAD);
                passwords.setText(getTranslation(
                        "users.import.passwords", Integer.toString(r.generated().size())));
                passwords.setId("import-passwords");
                result.add(passwords);
            }
            onImported.run();
        } catch (UserImport.RejectedException e) {
            int problems = e.problems().size();
            Paragraph summary = new Paragraph(getTranslation(
                    problems == 1 ? "users.import.problems.one" : "users.import.problems.many",
                    Integer.toString(problems)));
            summary.setId("import-summary");
            UnorderedList list = new UnorderedList();
            list.setId("import-problems");
            e.problems()
                    .forEach(p -> list.add(new ListItem(
                            p.line() > 0
                                    ? getTranslation(
                                            "users.import.problem.line",
                                            Integer.toString(p.line()),
                                            p.field(),
                                            p.message(getLocale()))
                                    : getTranslation("users.import.problem", p.field(), p.message(getLocale())))));
            list.getStyle().set("color", "var(--lumo-error-text-color)");
            result.add(summary, list);
        }
    }
}
