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
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Files;
import org.tandem.pbx.upload.UploadLimits;
import org.tandem.webui.frame.LimitedUpload;
import org.tandem.pbx.directory.UserImport;

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
        setHeaderTitle("Import users from CSV");
        setWidth("40em");
        Paragraph help = new Paragraph("A header row, then one user per row. Columns: extension, name (required), "
                + "email, sip_password (empty = generated), web_password. Every row is checked first; if any is "
                + "wrong nothing is imported, so fix the file and import it again.");
        Upload upload = new Upload();
        // tandem.uploads.user-import, enforced on the server: streamed to a temporary file, cut off at the limit
        LimitedUpload.on(upload, "The CSV file", limits.userImport(), file -> {
            show(Files.readString(file, StandardCharsets.UTF_8));
            upload.clearFileList(); // ready for the corrected file
        }, message -> {
            result.removeAll();
            Paragraph summary = new Paragraph("Nothing was imported: " + message);
            summary.setId("import-summary");
            result.add(summary);
            upload.clearFileList();
        });
        upload.setId("import-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".csv", "text/csv");
        result.setId("import-result");
        Button close = new Button("Close", e -> close());
        close.setId("import-close");
        getFooter().add(close);
        add(help, upload, result);
    }

    /** The one-time link, once used, replaced by a note that it is spent and what to do without the file. */
    private void spent(Anchor passwords) {
        if (passwords.getParent().isEmpty()) return;
        Paragraph note = new Paragraph("The generated SIP passwords were downloaded; they are not kept and cannot be "
                + "downloaded again. Lost the file? Open a user and set a new SIP password there.");
        note.setId("import-passwords-spent");
        result.replace(passwords, note);
    }

    private void show(String csv) {
        result.removeAll();
        try {
            UserImport.Result r = imports.importCsv(csv);
            Paragraph done = new Paragraph("Imported " + r.created() + " user" + (r.created() == 1 ? "" : "s") + ".");
            done.setId("import-summary");
            result.add(done);
            if (!r.generated().isEmpty()) {
                // handed out once: the first download clears it, and the link gives way to a note saying so (issue
                // 17, defect 12: a link that stays clickable promises a second copy that does not exist)
                AtomicReference<String> once = new AtomicReference<>(r.generatedCsv());
                Anchor passwords = new Anchor();
                passwords.setHref((DownloadHandler) event -> {
                    String body = once.getAndSet(null);
                    event.setFileName("generated-sip-passwords.csv");
                    event.setContentType("text/csv; charset=UTF-8");
                    event.getOutputStream().write((body == null
                            ? "already downloaded: the passwords are shown only once\r\n" : body).getBytes(StandardCharsets.UTF_8));
                    event.getUI().access(() -> spent(passwords)); // pushed to the page (AppShell's @Push)
                }, AttachmentType.DOWNLOAD);
                passwords.setText("Download the " + r.generated().size() + " generated SIP passwords (once)");
                passwords.setId("import-passwords");
                result.add(passwords);
            }
            onImported.run();
        } catch (UserImport.RejectedException e) {
            Paragraph summary = new Paragraph("Nothing was imported: " + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + " in the file.");
            summary.setId("import-summary");
            UnorderedList list = new UnorderedList();
            list.setId("import-problems");
            e.problems().forEach(p -> list.add(new ListItem((p.line() > 0 ? "line " + p.line() + ", " : "")
                    + p.field() + ": " + p.message())));
            list.getStyle().set("color", "var(--lumo-error-text-color)");
            result.add(summary, list);
        }
    }
}
