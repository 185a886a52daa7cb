package org.tandem.webui.backup;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tandem.operations.backup.BackupSchedule;
import org.tandem.operations.backup.BackupScheduleDraft;
import org.tandem.operations.backup.BackupSchedules;
import org.tandem.operations.backup.Backups;
import org.tandem.operations.backup.KeptArchive;
import org.tandem.operations.backup.ScheduledBackupOutcome;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.form.DraftForm;

/**
 * The Backup page's schedule (issue 17): the form, with each rule's message under its field as on the other pages;
 * "Run now"; the last run's outcome in plain words; and the kept archives with a download link each. The rules are
 * {@link BackupSchedules}' own, the same as the API's. Secrets are write-only: their fields always start empty and an
 * empty field keeps the stored value. An OPERATOR sees the schedule and the outcome, but neither changes the schedule
 * nor downloads an archive (each holds every secret).
 */
final class ScheduledBackupsPanel extends VerticalLayout {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm");

    private final BackupSchedules schedules;
    private final boolean admin;
    private final Checkbox enabled = new Checkbox(getTranslation("backup.schedule.enabled"));
    private final TextField timeOfDay = new TextField(getTranslation("backup.schedule.time"));
    private final IntegerField keepDays = new IntegerField(getTranslation("backup.schedule.keep-days"));
    private final PasswordField passphrase = new PasswordField(getTranslation("backup.schedule.passphrase"));
    private final Checkbox removePassphrase = new Checkbox(getTranslation("backup.schedule.passphrase.remove"));
    private final Checkbox sftpEnabled = new Checkbox(getTranslation("backup.schedule.sftp"));
    private final TextField sftpHost = new TextField(getTranslation("backup.schedule.sftp-host"));
    private final IntegerField sftpPort = new IntegerField(getTranslation("backup.schedule.sftp-port"));
    private final TextField sftpUser = new TextField(getTranslation("backup.schedule.sftp-user"));
    private final PasswordField sftpPassword = new PasswordField(getTranslation("backup.schedule.sftp-password"));
    private final TextArea sftpPrivateKey = new TextArea(getTranslation("backup.schedule.sftp-key"));
    private final TextField sftpDirectory = new TextField(getTranslation("backup.schedule.sftp-directory"));
    private final DraftForm<BackupScheduleDraft> form =
            DraftForm.of(BackupScheduleDraft.class, "schedule-form-error", null);
    private final Span next = new Span();
    private final Span last = new Span();
    private final Div archives = new Div();
    private boolean wasRunning;

    ScheduledBackupsPanel(BackupSchedules schedules, boolean admin) {
        this.schedules = schedules;
        this.admin = admin;
        setPadding(false);
        add(new H3(getTranslation("backup.schedule.title")));
        add(new Paragraph(getTranslation("backup.schedule.intro")));
        enabled.setId("schedule-enabled");
        timeOfDay.setId("schedule-time");
        timeOfDay.setHelperText(getTranslation("backup.schedule.time.help", ZonedFormat.zoneLabel()));
        keepDays.setId("schedule-keep-days");
        passphrase.setId("schedule-passphrase");
        passphrase.setRevealButtonVisible(false);
        removePassphrase.setId("schedule-passphrase-remove");
        sftpEnabled.setId("schedule-sftp");
        sftpHost.setId("schedule-sftp-host");
        sftpPort.setId("schedule-sftp-port");
        sftpUser.setId("schedule-sftp-user");
        sftpPassword.setId("schedule-sftp-password");
        sftpPassword.setRevealButtonVisible(false);
        sftpPrivateKey.setId("schedule-sftp-key");
        sftpPrivateKey.setHelperText(getTranslation("backup.schedule.sftp-key.help"));
        sftpDirectory.setId("schedule-sftp-directory");
        sftpDirectory.setHelperText(getTranslation("backup.schedule.sftp-directory.help"));
        // the secrets are write-only: an empty field keeps the stored one (null), "Remove" drops the passphrase ("")
        form.bind("enabled", enabled)
                .bind("timeOfDay", timeOfDay)
                .bind("keepDays", keepDays)
                .bind(
                        "passphrase",
                        passphrase,
                        DraftForm.converter(p -> removePassphrase.getValue() ? "" : p.isEmpty() ? null : p, p -> ""))
                .bind("sftpEnabled", sftpEnabled)
                .bind("sftpHost", sftpHost)
                .bind("sftpPort", sftpPort)
                .bind("sftpUser", sftpUser)
                .bind("sftpPassword", sftpPassword, writeOnly())
                .bind("sftpPrivateKey", sftpPrivateKey, writeOnly())
                .bind("sftpDirectory", sftpDirectory);
        FormLayout layout = new FormLayout(
                enabled,
                timeOfDay,
                keepDays,
                passphrase,
                removePassphrase,
                sftpEnabled,
                sftpHost,
                sftpPort,
                sftpUser,
                sftpPassword,
                sftpPrivateKey,
                sftpDirectory);
        add(layout, form.errors().formError());
        show(schedules.current());
        form.readOnlyUnless(admin);
        removePassphrase.setReadOnly(!admin);
        if (admin) { // an OPERATOR's page gets no handler at all, not only hidden buttons
            Button save = new Button(getTranslation("backup.schedule.save"), e -> save());
            save.setId("schedule-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button runNow = new Button(
                    getTranslation("backup.schedule.run-now"),
                    e -> runNow(e.getSource().getUI().orElseThrow()));
            runNow.setId("schedule-run-now");
            add(new HorizontalLayout(save, runNow));
        }
        next.setId("schedule-next");
        last.setId("schedule-last");
        archives.setId("backup-archives");
        add(next, last, new H3(getTranslation("backup.schedule.kept")), archives);
        status();
    }

    private void show(BackupSchedule s) {
        form.read(new BackupScheduleDraft(
                s.enabled(),
                s.timeOfDay(),
                s.keepDays(),
                null,
                s.sftpEnabled(),
                s.sftpHost(),
                s.sftpPort(),
                s.sftpUser(),
                null,
                null,
                s.sftpDirectory()));
        passphrase.setHelperText(
                s.passphraseSet()
                        ? getTranslation("backup.schedule.stored")
                        : getTranslation("backup.schedule.passphrase.help", Integer.toString(Backups.MIN_PASSPHRASE)));
        removePassphrase.setValue(false);
        removePassphrase.setVisible(s.passphraseSet());
        sftpPassword.setHelperText(s.sftpPasswordSet() ? getTranslation("backup.schedule.stored") : "");
        sftpPrivateKey.setPlaceholder(s.sftpPrivateKeySet() ? getTranslation("backup.schedule.stored") : "");
    }

    private void save() {
        if (form.save(draft -> show(schedules.save(draft)))) {
            Notification.show(getTranslation("backup.schedule.saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            status();
        }
    }

    private void runNow(UI ui) {
        last.setText(getTranslation("backup.schedule.running"));
        wasRunning = true;
        schedules.runNow().thenAccept(outcome -> ui.access(this::status));
    }

    /** Called by the page's poll: shows a finished run once, without rebuilding the list twice a second. */
    void poll() {
        boolean running = schedules.running();
        if (wasRunning && !running) status();
        wasRunning = running;
    }

    private void status() {
        next.setText(schedules
                .nextRun()
                .map(at -> getTranslation("backup.schedule.next", TIME.format(at) + " " + ZonedFormat.zoneLabel()))
                .orElse(getTranslation("backup.schedule.off")));
        ScheduledBackupOutcome o = schedules.lastOutcome().orElse(null);
        last.setText(
                o == null
                        ? getTranslation("backup.schedule.none-yet")
                        : getTranslation(
                                "backup.schedule.last",
                                TIME.format(o.at()),
                                getTranslation(o.ok() ? "backup.schedule.ok" : "backup.schedule.failed"),
                                o.message()));
        last.getStyle().set("color", o != null && !o.ok() ? "var(--lumo-error-text-color)" : "inherit");
        listArchives(schedules.archives());
    }

    private void listArchives(List<KeptArchive> kept) {
        archives.removeAll();
        if (kept.isEmpty()) archives.add(new Paragraph(getTranslation("backup.schedule.no-archive")));
        for (KeptArchive a : kept) {
            String label = a.name();
            Span when = new Span(TIME.format(a.createdAt()) + " " + ZonedFormat.zoneLabel());
            Span size = new Span(a.bytes() < 0 ? "" : String.format("%,d KiB", (a.bytes() + 1023) / 1024));
            HorizontalLayout row = new HorizontalLayout();
            row.addClassName("kept-archive");
            if (admin) {
                Anchor download = new Anchor();
                download.setHref(
                        (DownloadHandler) event -> {
                            Path file = schedules.archive(a.name()).orElse(null);
                            if (file == null) { // deleted by retention since the list was shown
                                event.getResponse().setStatus(404);
                                return;
                            }
                            event.setFileName(a.name());
                            event.setContentType("application/octet-stream");
                            Files.copy(file, event.getOutputStream());
                        },
                        AttachmentType.DOWNLOAD);
                download.setText(label);
                row.add(download);
            } else {
                row.add(new Span(label));
            }
            row.add(when, size);
            archives.add(row);
        }
    }

    /** A secret never shown: the field starts empty, and empty keeps the stored one (null). */
    private static Converter<String, String> writeOnly() {
        return DraftForm.converter(p -> p.isEmpty() ? null : p, p -> "");
    }
}
