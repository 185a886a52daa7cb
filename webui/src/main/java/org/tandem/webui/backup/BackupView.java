package org.tandem.webui.backup;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.operations.backup.BackupSchedules;
import org.tandem.operations.backup.Backups;
import org.tandem.operations.backup.RestoreBusyException;
import org.tandem.operations.backup.RestoreProgress;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.webui.frame.LimitedUpload;
import org.tandem.webui.frame.MainLayout;
import org.tandem.webui.i18n.PageName;
import org.tandem.webui.i18n.TranslatedTitle;
import org.tandem.webui.security.Roles;

/**
 * Download a backup of the whole appliance; restore one (on a fresh appliance, typically) with a
 * progress bar. A refused archive shows why, and nothing was changed. After a restore the appliance
 * restarts, so the page says to log in again — with the backup's admin password. Between them the daily schedule
 * ({@link ScheduledBackupsPanel}). A backup holds every
 * secret and key, so only ADMIN accounts download or restore; an OPERATOR sees the last restore's state.
 */
@Route(value = "backup", layout = MainLayout.class)
@PageName("Backup")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class BackupView extends VerticalLayout implements TranslatedTitle {

    private static final Logger log = LoggerFactory.getLogger(BackupView.class);
    private static final int REFRESH_MILLIS = 500;

    private final Backups backups;
    private final ProgressBar bar = new ProgressBar(0, 100);
    private final Span phase = new Span();
    private final Div refusal = new Div();
    private final ScheduledBackupsPanel scheduled;
    private Registration polling;

    public BackupView(Backups backups, BackupSchedules schedules, AuthenticationContext auth, UploadLimits limits) {
        this.backups = backups;
        boolean admin = auth.hasRole(Roles.ADMIN);
        this.scheduled = new ScheduledBackupsPanel(schedules, admin);
        add(new H2(getTranslation("backup.title")));

        add(new H3(getTranslation("backup.backup")));
        add(new Paragraph(getTranslation("backup.intro")));
        // optional: an encrypted archive (AES-256-GCM, key from the passphrase); restoring it asks for the passphrase
        PasswordField passphrase =
                new PasswordField(getTranslation("backup.passphrase", Integer.toString(Backups.MIN_PASSPHRASE)));
        passphrase.setId("backup-passphrase");
        passphrase.setWidth("30em");
        passphrase.setValueChangeMode(ValueChangeMode.EAGER); // read by the download, which needs no round trip
        passphrase.setVisible(admin);
        Span passphraseError = new Span();
        passphraseError.setId("backup-passphrase-error");
        passphraseError.getStyle().set("color", "var(--lumo-error-text-color)");
        passphrase.addValueChangeListener(e -> passphraseError.setText(
                !e.getValue().isEmpty() && e.getValue().length() < Backups.MIN_PASSPHRASE
                        ? getTranslation("backup.passphrase.short", Integer.toString(Backups.MIN_PASSPHRASE))
                        : ""));
        add(passphrase, passphraseError);
        Anchor download = new Anchor();
        download.setHref(
                (DownloadHandler) event -> {
                    Instant now = Instant.now();
                    String secret = passphrase.getValue();
                    boolean encrypt = secret.length() >= Backups.MIN_PASSPHRASE;
                    event.setFileName(backups.archiveName(now, encrypt));
                    event.setContentType(encrypt ? "application/octet-stream" : "application/zip");
                    backups.writeArchive(event.getOutputStream(), now, encrypt ? secret.toCharArray() : null);
                },
                AttachmentType.DOWNLOAD);
        download.add(VaadinIcon.DOWNLOAD.create(), new Span(getTranslation("backup.download")));
        download.setId("backup-download");
        download.setVisible(admin);
        add(download);
        add(scheduled);

        add(new H3(getTranslation("backup.restore")));
        add(new Paragraph(getTranslation("backup.restore.intro")));
        PasswordField restorePassphrase = new PasswordField(getTranslation("backup.restore.passphrase"));
        restorePassphrase.setId("restore-passphrase");
        restorePassphrase.setWidth("30em");
        restorePassphrase.setValueChangeMode(ValueChangeMode.EAGER);
        restorePassphrase.setVisible(admin);
        add(restorePassphrase);
        Upload upload = new Upload();
        // tandem.uploads.restore, enforced on the server: streamed to a temporary file, cut off at the limit.
        // An OPERATOR's page gets no handler at all, not only a hidden upload (issue 22, role gaps)
        if (admin)
            LimitedUpload.on(
                    upload,
                    getTranslation("backup.restore.what"),
                    limits.restore(),
                    file -> {
                        try (InputStream in = Files.newInputStream(file)) {
                            String secret = restorePassphrase.getValue();
                            backups.restore(in, secret.isEmpty() ? null : secret.toCharArray());
                        } catch (RestoreBusyException e) {
                            refusal.setText(e.getMessage());
                        } catch (IOException e) {
                            log.warn("Cannot take the uploaded archive", e);
                            refusal.setText(getTranslation("backup.restore.not-stored", e.getMessage()));
                        }
                        upload.clearFileList(); // ready for another archive after a refusal
                        refresh();
                    },
                    message -> {
                        refusal.setText(message);
                        upload.clearFileList();
                    });
        upload.setId("restore-upload");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".zip", ".enc", "application/zip", "application/octet-stream");
        upload.setVisible(admin);
        bar.setId("restore-progress");
        bar.setWidth("30em");
        phase.setId("restore-phase");
        refusal.setId("restore-refusal");
        refusal.getStyle().set("color", "var(--lumo-error-text-color)");
        add(upload, bar, phase, refusal);
        refresh();
    }

    private void refresh() {
        RestoreProgress p = backups.progress();
        bar.setValue(p.percent());
        bar.setVisible(p.phase() != RestoreProgress.Phase.IDLE);
        phase.setText(p.phase() == RestoreProgress.Phase.IDLE ? "" : label(p));
        if (p.phase() == RestoreProgress.Phase.REFUSED || p.phase() == RestoreProgress.Phase.FAILED) {
            refusal.setText(p.message());
        } else if (!p.phase().finished()) {
            refusal.setText("");
        }
    }

    private String label(RestoreProgress p) {
        return switch (p.phase()) {
            case REFUSED -> getTranslation("backup.restore.refused");
            case FAILED -> getTranslation("backup.restore.failed");
            case DONE -> p.message();
            default -> p.message() + " (" + p.percent() + " %)";
        };
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        attach.getUI().setPollInterval(REFRESH_MILLIS);
        polling = attach.getUI().addPollListener(e -> {
            refresh();
            scheduled.poll();
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) polling.remove();
    }
}
