package org.tandem.webui.recording;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.InputStreamDownloadHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordedCall;
import org.tandem.webui.ZonedFormat;
import org.tandem.webui.frame.Deletion;

/**
 * Call recordings in a grid, newest first, each with Play (one shared player), Download and optionally Delete
 * (asked first): the
 * admin's Recordings page shows everyone's, the portal a user's own. Audio comes straight from the service, through
 * the page's own session (never the REST API's credentials).
 */
public final class RecordingList extends VerticalLayout {

    private static final ZonedFormat TIME = ZonedFormat.of("yyyy-MM-dd HH:mm:ss"); // the appliance\'s zone (issue 17)

    private final CallRecordings recordings;
    private final Supplier<List<RecordedCall>> source;
    private final boolean canDelete;
    private final Grid<RecordedCall> grid = new Grid<>(RecordedCall.class, false);
    private final Html player = new Html("<audio controls preload=\"none\"></audio>");

    public RecordingList(CallRecordings recordings, Supplier<List<RecordedCall>> source, boolean canDelete) {
        this.recordings = recordings;
        this.source = source;
        this.canDelete = canDelete;
        setPadding(false);
        grid.setId("recordings");
        grid.addColumn(r -> TIME.format(r.startedAt()))
                .setHeader(getTranslation("recording.started", ZonedFormat.zoneLabel()))
                .setAutoWidth(true);
        grid.addColumn(r -> r.callerExtension() == null
                        ? (r.trunk() == null ? "" : getTranslation("recording.trunk", r.trunk()))
                        : r.callerExtension())
                .setHeader(getTranslation("recording.caller"))
                .setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.calleeExtensions()))
                .setHeader(getTranslation("recording.called"))
                .setAutoWidth(true);
        grid.addColumn(r -> length(r.durationMs()))
                .setHeader(getTranslation("recording.length"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        player.getElement().setAttribute("id", "recording-player");
        add(player, grid);
        refresh();
    }

    public void refresh() {
        grid.setItems(source.get());
    }

    private Component actions(RecordedCall r) {
        Button play = new Button(
                getTranslation("recording.play"),
                e -> recordings
                        .audio(r.id())
                        .ifPresentOrElse(
                                file -> {
                                    player.getElement()
                                            .setAttribute(
                                                    "src", handler(file, r.id()).inline());
                                    player.getElement().executeJs("this.play()");
                                },
                                () -> Notification.show(getTranslation("recording.file-gone"))));
        play.setId("play-recording-" + r.id());
        play.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Anchor download = new Anchor();
        download.setText(getTranslation("recording.download"));
        download.setId("download-recording-" + r.id());
        recordings.audio(r.id()).ifPresent(file -> download.setHref(handler(file, r.id())));
        download.getElement().setAttribute("download", true);
        HorizontalLayout actions = new HorizontalLayout(play, download);
        actions.setAlignItems(Alignment.CENTER);
        if (canDelete) {
            Button delete = new Button(
                    VaadinIcon.TRASH.create(),
                    e -> Deletion.confirm(named(r), () -> recordings.delete(r.id()), this::refresh));
            delete.setId("delete-recording-" + r.id());
            delete.setAriaLabel(getTranslation("recording.delete.aria", TIME.format(r.startedAt())));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(delete);
        }
        return actions;
    }

    /** "Recording of 2026-11-25 10:04:12, 201 to 202", as the delete dialog names it. */
    private String named(RecordedCall r) {
        String caller = r.callerExtension() != null
                ? r.callerExtension()
                : r.trunk() != null ? getTranslation("recording.trunk", r.trunk()) : "";
        String called = String.join(", ", r.calleeExtensions());
        String at = TIME.format(r.startedAt());
        if (caller.isEmpty() && called.isEmpty()) return getTranslation("recording.named", at);
        return called.isEmpty()
                ? getTranslation("recording.named.caller", at, caller)
                : getTranslation("recording.named.both", at, caller, called);
    }

    /** The file as {@code audio/wav}, as the API serves it (a file handler would guess the legacy audio/x-wav). */
    private static InputStreamDownloadHandler handler(Path path, long id) {
        String name = path.toString(); // a Path is not Serializable, the handler is
        return DownloadHandler.fromInputStream(event -> {
            Path file = Path.of(name);
            try {
                return new DownloadResponse(
                        Files.newInputStream(file), "recording-" + id + ".wav", "audio/wav", Files.size(file));
            } catch (IOException e) {
                return DownloadResponse.error(404, "The recording's file is gone");
            }
        });
    }

    private static String length(long ms) {
        long s = Math.round(ms / 1000.0);
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
